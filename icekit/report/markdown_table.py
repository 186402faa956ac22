"""The Markdown pieces every Markdown report writes: GitHub-flavoured tables, one-line cells, code spans."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["cell", "code", "codes", "plural", "table"]


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def cell(text: str) -> str:
    """A table cell on one line: pipes escaped, line breaks as spaces (code spans keep backslashes)."""
    return text.replace("|", "\\|").replace("\n", " ")


def code(text: str) -> str:
    return f"`{cell(text)}`" if text else ""


def codes(items: Iterable[str]) -> str:
    return "<br>".join(code(i) for i in items)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
