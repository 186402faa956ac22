"""Key paths as users see them: `icekit:apps[1].callback`, `fileRules[0].extensions`, `Statement[0]`.

The one joiner and the one parser: the declaration's messages, the client documents' problems and the line
index of a stack or policy file all spell paths this way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["join_path", "nest_path", "parse_key_path"]

_SEGMENT = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def nest_path(prefix: str, path: str) -> str:
    """`path` under `prefix`: `a` + `b` -> `a.b`, `a` + `[0]` -> `a[0]`; either may be empty."""
    if not path:
        return prefix
    if not prefix:
        return path
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


def join_path(root: str, loc: Sequence[str | int]) -> str:
    """`root` followed by keys (`.key`) and list indexes (`[i]`); `root` may be empty."""
    path = root
    for part in loc:
        path = nest_path(path, f"[{part}]" if isinstance(part, int) else str(part))
    return path


def parse_key_path(path: str) -> list[str | int]:
    """`icekit:apps[1].callback` -> ["icekit:apps", 1, "callback"]; `icekit:storage.vod-main` -> 2 parts."""
    parts: list[str | int] = []
    for index, key in _SEGMENT.findall(path):
        parts.append(int(index) if index else key)
    return parts
