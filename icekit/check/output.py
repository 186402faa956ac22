"""Formats by name, for one report or for several (one per stack, `icekit check STACK STACK ...`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from icekit.check.json_report import render_json, render_json_reports
from icekit.check.markdown import render_markdown
from icekit.check.report import CheckReport, total_counts
from icekit.check.sarif import render_sarif, render_sarif_reports
from icekit.check.text import render_text

__all__ = ["FORMATS", "render", "render_reports"]

FORMATS: dict[str, Callable[[CheckReport], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "markdown": render_markdown,
}


def render(report: CheckReport, fmt: str) -> str:
    return FORMATS[fmt](report)


def _text_total(reports: Sequence[CheckReport]) -> str:
    counts = total_counts(reports)
    return (
        f"{len(reports)} stacks: {counts['mandatory']} mandatory, {counts['advisory']} advisory, "
        f"{counts['suppressed']} suppressed ({counts['total']} findings)\n"
    )


def render_reports(reports: Sequence[CheckReport], fmt: str, *, color: bool = False) -> str:
    """One report renders exactly as `render` does (text with `color`). Several: json is one document with
    a `stacks` list, sarif one run over all of them, text and markdown each report in turn (text ends with
    the totals)."""
    if fmt == "json":
        return render_json_reports(reports)
    if fmt == "sarif":
        return render_sarif_reports(reports)
    if fmt == "text":
        parts = [render_text(report, color=color) for report in reports]
        return "\n".join(parts) + ("\n" + _text_total(reports) if len(reports) > 1 else "")
    return "\n".join(render(report, fmt) for report in reports)
