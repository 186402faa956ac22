"""Text report for a terminal (rich): one table of findings, then the suppressed ones with their reasons."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from icekit.check.report import CheckReport, LocatedFinding

__all__ = ["render_text"]

_STYLE = {"mandatory": "bold red", "advisory": "yellow"}


def _where(item: LocatedFinding) -> str:
    finding = item.finding
    place = f"{item.file}:{item.line}" if item.file and item.line else (item.file or "")
    resource = finding.declarationPath or finding.resourceName or "(stack)"
    if resource == item.file:  # a --policy file: the file is the resource
        return place
    return f"{resource}\n{place}" if place else resource


def _table(items: list[LocatedFinding], with_reason: bool) -> Table:
    table = Table(show_lines=False, expand=False, header_style="bold")
    table.add_column("rule", no_wrap=True)
    table.add_column("level", no_wrap=True)
    table.add_column("where")
    table.add_column("reason" if with_reason else "message")
    for item in items:
        finding = item.finding
        level = finding.enforcement
        # Messages quote the user's input (actions from a policy file, names): never read as rich markup.
        message = escape(finding.message)
        table.add_row(
            escape(finding.ruleId),
            f"[{_STYLE[level]}]{level}[/]",
            escape(_where(item)),
            f"{message}\nsuppressed: {escape(finding.suppressionReason or '')}" if with_reason else message,
        )
    return table


def render_text(report: CheckReport, *, color: bool = False, width: int = 120) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        soft_wrap=False,
    )
    counts = report.counts()
    head = f"icekit check: {report.target}"
    if report.environment:
        head += f" ({report.environment}{', ' + report.region if report.region else ''})"
    console.print(escape(head), highlight=False)
    active = [item for item in report.findings if not item.finding.suppressed]
    suppressed = [item for item in report.findings if item.finding.suppressed]
    if active:
        console.print(_table(active, with_reason=False))
    if suppressed:
        console.print("suppressed (counted, never failing):", highlight=False)
        console.print(_table(suppressed, with_reason=True))
    console.print(
        f"{counts['mandatory']} mandatory, {counts['advisory']} advisory, {counts['suppressed']} suppressed "
        f"({counts['total']} findings)",
        highlight=False,
    )
    return buffer.getvalue()
