"""Glob matching as RAM does it: `*` matches any run of characters (none included), `?` exactly one
character, everything else only itself. Patterns are compiled once, into a set of literals plus one regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["GlobSet", "glob_regex"]


def glob_regex(pattern: str) -> str:
    """The regular expression (for `fullmatch`) of one glob."""
    return "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)


@dataclass(frozen=True, slots=True)
class GlobSet:
    """Several globs: `matches(value)` is true when one of them matches the whole value."""

    anything: bool
    literals: frozenset[str]
    regex: re.Pattern[str] | None
    ignore_case: bool

    @classmethod
    def of(cls, patterns: Iterable[str], *, ignore_case: bool) -> GlobSet:
        folded = [p.casefold() if ignore_case else p for p in patterns]
        wild = [p for p in folded if "*" in p or "?" in p]
        regex = re.compile("|".join(f"(?:{glob_regex(p)})" for p in wild), re.DOTALL) if wild else None
        return cls(
            anything=any(p and set(p) == {"*"} for p in folded),
            literals=frozenset(p for p in folded if p not in wild),
            regex=regex,
            ignore_case=ignore_case,
        )

    def matches(self, value: str) -> bool:
        if self.anything:
            return True
        if self.ignore_case:
            value = value.casefold()
        return value in self.literals or (self.regex is not None and self.regex.fullmatch(value) is not None)
