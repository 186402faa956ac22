"""Key paths, the one way icekit names a place in a document: `icekit:apps[1].callback`, `Statement[0]`,
`clientConfigs.web.fileRules[0].type`.

Built by the stack declaration's messages, the client configuration's problems, the guardrail settings and
the review's field diff; read back by the line index (icekit.stack.lines). No imports: every part of
icekit, including the modules that serve upload clients, may use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["join_key_path", "parse_key_path"]

_SEGMENT = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def join_key_path(root: str, parts: Iterable[str | int]) -> str:
    """`join_key_path("icekit:apps", [1, "callback"])` -> `icekit:apps[1].callback`.

    An int indexes a list (`[1]`); a string is a key (`.callback`), or a path already joined when it
    starts with `[` (`[video].maxSizeBytes`). An empty root starts at the first key; an empty part adds
    nothing.
    """
    path = root
    for part in parts:
        step = f"[{part}]" if isinstance(part, int) else part
        if not step:
            continue
        path = f"{path}{step}" if not path or step.startswith("[") else f"{path}.{step}"
    return path


def parse_key_path(path: str) -> list[str | int]:
    """`icekit:apps[1].callback` -> ["icekit:apps", 1, "callback"]; `icekit:storage.vod-main` -> 2 parts."""
    parts: list[str | int] = []
    for index, key in _SEGMENT.findall(path):
        parts.append(int(index) if index else key)
    return parts
