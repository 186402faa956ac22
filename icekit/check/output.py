"""Formats by name, and the atomic write of a report file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from icekit.check.json_report import render_json
from icekit.check.markdown import render_markdown
from icekit.check.report import CheckReport
from icekit.check.sarif import render_sarif
from icekit.check.text import render_text
from icekit.errors import UserInputError

__all__ = ["FORMATS", "render", "write_atomically"]

FORMATS: dict[str, Callable[[CheckReport], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "markdown": render_markdown,
}


def render(report: CheckReport, fmt: str) -> str:
    return FORMATS[fmt](report)


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UserInputError("the directory does not exist", file=path)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
