"""Markdown reports, fit for a pull-request comment (GitHub-flavoured tables, details for the rest).

`check`: per target the counts, the unsuppressed findings with their fix, the suppressed ones with their
reason. `review`: one comment (a hidden marker lets a CI step update its own comment), the verdict and a
summary table, then per stack its access changes per role, its statement changes (as detail), resource,
client configuration and findings changes. `access` is in icekit.report.markdown_access; the table writer
all three share is icekit.report.markdown_table.
"""

from __future__ import annotations

from collections.abc import Sequence

from icekit.report.markdown_access import access_markdown, access_section
from icekit.report.markdown_table import cell as _cell
from icekit.report.markdown_table import code as _code
from icekit.report.markdown_table import codes as _codes
from icekit.report.markdown_table import plural as _plural
from icekit.report.markdown_table import table as _table
from icekit.report.model import (
    AppConfigChange,
    FieldChange,
    FindingsDiff,
    LocatedFinding,
    Report,
    ResourceChange,
    Review,
    StackReview,
    StatementChange,
    TargetReport,
    Verdict,
)
from icekit.rules import rule_by_id
from icekit.rules.finding import Finding

__all__ = ["COMMENT_MARKER", "MAX_COMMENT_CHARS", "render_markdown"]

COMMENT_MARKER = "<!-- icekit-review -->"
# GitHub refuses comments over 65536 characters; stay well below.
MAX_COMMENT_CHARS = 60000


def render_markdown(report: Report) -> str:
    if report.command == "access":
        return access_markdown(report)
    if report.command == "review":
        if report.review is None:
            raise ValueError("a review report carries its review")
        return _review(report.review)
    return "\n".join(_target(target) for target in report.targets)


# --- check --------------------------------------------------------------------------------------------


def _check_cell(text: str) -> str:
    """A table cell of prose: the line breaks kept (`<br>`), backslashes and pipes escaped."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _check_code(text: str) -> str:
    return f"`{text}`" if "`" not in text else text


def _where(item: LocatedFinding) -> str:
    finding = item.finding
    name = finding.declarationPath or finding.resourceName or "(stack)"
    place = f"{item.file}:{item.line}" if item.file and item.line else ""
    if name == item.file:  # a --policy file: the file is the resource
        return _check_cell(_check_code(place))
    return _check_cell(_check_code(name) + (f" ({place})" if place else ""))


def _rows(items: list[LocatedFinding], with_reason: bool) -> list[str]:
    rows = []
    for item in items:
        finding = item.finding
        extra = finding.suppressionReason or "" if with_reason else rule_by_id(finding.ruleId).fix
        rows.append(
            [
                f"`{finding.ruleId}`",
                finding.enforcement,
                _where(item),
                _check_cell(finding.message),
                _check_cell(extra),
            ]
        )
    return _table(["Rule", "Level", "Where", "Finding", "Reason" if with_reason else "Fix"], rows)


def _target(target: TargetReport) -> str:
    counts = target.counts()
    verdict = "fails" if counts["mandatory"] else "passes"
    scope = f" ({target.environment})" if target.environment else ""
    lines = [
        f"### icekit check: `{target.target}`{scope} {verdict}",
        "",
        f"**{counts['mandatory']}** mandatory · **{counts['advisory']}** advisory · "
        f"**{counts['suppressed']}** suppressed",
        "",
    ]
    active = [item for item in target.findings if not item.finding.suppressed]
    suppressed = [item for item in target.findings if item.finding.suppressed]
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


# --- review -------------------------------------------------------------------------------------------

_HEADLINE: dict[Verdict, str] = {
    "broadening": "access broadened",
    "narrowing": "access narrowed",
    "neutral": "no access broadened (neutral changes only)",
    "unchanged": "no changes",
}


def _statement_row(change: StatementChange) -> list[str]:
    s = change.statement
    actions = list(s.actions) + [f"not {a}" for a in s.not_actions]
    where = list(s.resources) + [f"not {r}" for r in s.not_resources]
    where += ["principal *" if k == "*" else f"principal {k}:{v}" for k, v in s.principals]
    assessment = f"**{change.classification}**: " + "; ".join(change.reasons)
    return [
        change.sign,
        s.effect,
        _codes(actions),
        _codes(where),
        _codes(c.render() for c in s.conditions),
        _cell(change.document),
        _cell(assessment),
    ]


def _statements(changes: Sequence[StatementChange]) -> list[str]:
    if not changes:
        return ["No RAM statement changes."]
    header = ["+/-", "effect", "actions", "resource", "condition", "document", "assessment"]
    return _table(header, (_statement_row(c) for c in changes))


def _fields_table(fields: Sequence[FieldChange]) -> list[str]:
    return _table(
        ["field", "base", "head"],
        (
            [
                _code(f.path),
                _code(f.base) if f.base is not None else "—",
                _code(f.head) if f.head is not None else "—",
            ]
            for f in fields
        ),
    )


def _resources(changes: Sequence[ResourceChange]) -> list[str]:
    judged = [r for r in changes if r.classification != "neutral"]
    other = [r for r in changes if r.classification == "neutral"]
    lines: list[str] = []
    if judged:
        lines += ["", "#### Attachments, roles, buckets and callbacks", ""]
        lines += _table(
            ["change", "kind", "name", "assessment"],
            (
                [
                    r.change,
                    _cell(r.kind),
                    _code(r.name),
                    _cell(f"**{r.classification}**: " + "; ".join(r.reasons)),
                ]
                for r in judged
            ),
        )
    if other:
        lines += ["", f"<details><summary>{_plural(len(other), 'other resource change')}</summary>", ""]
        rows = (
            [
                r.change,
                _cell(r.kind),
                _code(r.name),
                _codes(f"{f.path}: {f.base} → {f.head}" for f in r.fields),
            ]
            for r in other
        )
        lines += _table(["change", "type", "name", "fields"], rows)
        lines += ["", "</details>"]
    return lines


def _client_configs(changes: Sequence[AppConfigChange]) -> list[str]:
    lines = ["", "#### Client configuration", ""]
    if not changes:
        return [*lines, "No client configuration changes."]
    for change in changes:
        lines += [f"**{_cell(change.app)}** ({change.change})", ""]
        if change.fields:
            lines += [*_fields_table(change.fields), ""]
    return lines[:-1] if lines[-1] == "" else lines


def _finding_row(status: str, finding: Finding) -> list[str]:
    resource = finding.resourceName or finding.declarationPath or "stack"
    return [
        status,
        _code(finding.ruleId),
        _cell(finding.severity),
        _cell(finding.enforcement),
        _code(resource),
        _cell(finding.message),
    ]


def _findings(diff: FindingsDiff) -> list[str]:
    counts = f"{len(diff.new)} new, {len(diff.fixed)} fixed, {len(diff.unchanged)} unchanged" + (
        f", {len(diff.newly_suppressed)} newly suppressed" if diff.newly_suppressed else ""
    )
    lines = ["", f"#### Findings: {counts}"]
    header = ["status", "rule", "severity", "enforcement", "resource", "message"]
    shown = [("new", f) for f in diff.new] + [("fixed", f) for f in diff.fixed]
    shown += [("suppressed", f) for f in diff.newly_suppressed]
    if shown:
        lines += ["", *_table(header, (_finding_row(status, f) for status, f in shown))]
    if diff.unchanged:
        lines += ["", f"<details><summary>{_plural(len(diff.unchanged), 'unchanged finding')}</summary>", ""]
        lines += _table(header, (_finding_row("unchanged", f) for f in diff.unchanged))
        lines += ["", "</details>"]
    return lines


def _stack_section(stack: StackReview) -> list[str]:
    lines = [
        "",
        f"### Stack `{stack.stack}`: {stack.verdict}"
        + ("" if stack.status == "changed" else f" ({stack.status})"),
    ]
    if stack.status == "unchanged":
        return [*lines, "", "No changes."]
    reasons = stack.broadening_reasons
    if reasons:
        lines += ["", "Access broadened because:", *(f"- {_cell(r)}" for r in reasons)]
    lines += access_section(stack.access)
    lines += ["", "#### RAM statement changes", ""]
    if stack.statements:  # detail: the access above says what the statements do
        summary = f"{_plural(len(stack.statements), 'statement row')}, as written"
        lines += [
            f"<details><summary>{summary}</summary>",
            "",
            *_statements(stack.statements),
            "",
            "</details>",
        ]
    else:
        lines += _statements(stack.statements)
    lines += _resources(stack.resources)
    lines += _client_configs(stack.client_configs)
    lines += _findings(stack.findings)
    return lines


def _summary_row(stack: StackReview) -> list[str]:
    added = sum(1 for s in stack.statements if s.sign == "+")
    removed = sum(1 for s in stack.statements if s.sign == "-")
    apps = ", ".join(f"{a.app} {a.change}" for a in stack.client_configs) or "—"
    f = stack.findings
    verdict = f"**{stack.verdict}**" if stack.verdict == "broadening" else stack.verdict
    return [
        _code(stack.stack),
        stack.status,
        verdict,
        f"+{added} -{removed}",
        _cell(apps),
        f"{len(f.new)} new, {len(f.fixed)} fixed",
    ]


def _revision(label: str, commit: str | None) -> str:
    return f"`{label}` ({commit[:12]})" if commit else label


def _judged(review: Review) -> list[str]:
    """Who judged, the guardrails' own changes (first, so a code owner sees them), an acknowledgement."""
    lines = []
    if review.guardrail_changes:
        files = ", ".join(_code(path) for path in review.guardrail_changes)
        lines += [
            f"> [!WARNING]\n> **This change modifies the guardrails themselves** ({files}): a code owner "
            "must review it; what merges is the head's icekit, whatever this review's judge.",
            "",
        ]
    if review.acknowledged:
        lines += [
            "> **Broadening acknowledged** by a code owner (`--acknowledge-broadening`): reported, and only "
            "a new mandatory finding fails.",
            "",
        ]
    if review.judge:
        lines += [f"_Judged by {review.judge}._", ""]
    return lines


def _review(review: Review) -> str:
    lines = [
        COMMENT_MARKER,
        f"## icekit review: {_HEADLINE[review.verdict]}",
        "",
        f"**Verdict: {review.verdict}** · base {_revision(review.base.label, review.base.commit)}"
        f" → head {_revision(review.head.label, review.head.commit)}"
        f" · {_plural(len(review.stacks), 'stack')}"
        f" · `--fail-on {review.fail_on}`: {'fails' if review.failed else 'passes'}",
        "",
        *_judged(review),
    ]
    lines += _table(
        ["stack", "status", "verdict", "RAM statements", "client configuration", "findings"],
        (_summary_row(s) for s in review.stacks),
    )
    for stack in review.stacks:
        lines += _stack_section(stack)
    text = "\n".join(lines) + "\n"
    if len(text) > MAX_COMMENT_CHARS:
        cut = text.rfind("\n", 0, MAX_COMMENT_CHARS - 200)
        text = text[:cut] + "\n\n_Comment truncated: see the JSON report (`icekit review --format json`)._\n"
    return text
