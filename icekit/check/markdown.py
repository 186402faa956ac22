"""Markdown report, fit for a pull-request comment (GitHub-flavoured tables, details for suppressions)."""

from __future__ import annotations

from icekit.check.report import CheckReport, LocatedFinding
from icekit.rules import rule_by_id

__all__ = ["render_markdown"]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else text


def _where(item: LocatedFinding) -> str:
    finding = item.finding
    name = finding.declarationPath or finding.resourceName or "(stack)"
    place = f"{item.file}:{item.line}" if item.file and item.line else ""
    if name == item.file:  # a --policy file: the file is the resource
        return _cell(_code(place))
    return _cell(_code(name) + (f" ({place})" if place else ""))


def _rows(items: list[LocatedFinding], with_reason: bool) -> list[str]:
    last = "Reason" if with_reason else "Fix"
    lines = [f"| Rule | Level | Where | Finding | {last} |", "|---|---|---|---|---|"]
    for item in items:
        finding = item.finding
        extra = finding.suppressionReason or "" if with_reason else rule_by_id(finding.ruleId).fix
        lines.append(
            f"| `{finding.ruleId}` | {finding.enforcement} | {_where(item)} | "
            f"{_cell(finding.message)} | {_cell(extra)} |"
        )
    return lines


def render_markdown(report: CheckReport) -> str:
    counts = report.counts()
    verdict = "fails" if counts["mandatory"] else "passes"
    scope = f" ({report.environment})" if report.environment else ""
    lines = [
        f"### icekit check: `{report.target}`{scope} {verdict}",
        "",
        f"**{counts['mandatory']}** mandatory · **{counts['advisory']}** advisory · "
        f"**{counts['suppressed']}** suppressed",
        "",
    ]
    active = [item for item in report.findings if not item.finding.suppressed]
    suppressed = [item for item in report.findings if item.finding.suppressed]
    if active:
        lines += [*_rows(active, with_reason=False), ""]
    else:
        lines += ["No unsuppressed findings.", ""]
    if suppressed:
        lines += [
            f"<details><summary>{len(suppressed)} suppressed finding(s)</summary>",
            "",
            *_rows(suppressed, with_reason=True),
            "",
            "</details>",
            "",
        ]
    return "\n".join(lines)
