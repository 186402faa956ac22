"""Reports: the one model plan, check and review build (icekit.report.model), and one formatter per format
(icekit.report.text, .json, .sarif, .markdown), each a function from that model to text."""

from __future__ import annotations

from collections.abc import Callable

from icekit.report.json import render_json
from icekit.report.markdown import render_markdown
from icekit.report.model import LocatedFinding, Report, TargetReport
from icekit.report.sarif import render_sarif
from icekit.report.text import render_text

__all__ = ["FORMATS", "LocatedFinding", "Report", "TargetReport", "render"]

FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "markdown": render_markdown,
}


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    """`report` in format `fmt` (a key of FORMATS); `color` for text on a terminal."""
    if fmt == "text":
        return render_text(report, color=color)
    return FORMATS[fmt](report)
