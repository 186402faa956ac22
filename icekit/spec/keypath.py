"""Key paths as users see them in a stack file: `icekit:apps[1].callback`, `icekit:callbacks.hooks.url`."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

__all__ = ["NAMESPACE", "REGION_KEY", "config_key", "error_lines", "join_path"]

NAMESPACE = "icekit"
REGION_KEY = "alicloud:region"

# StackSpec aliases that do not live under `icekit:`.
_OUTSIDE_NAMESPACE = {"region": REGION_KEY}
# Tags pydantic inserts into error locations for discriminated unions; not part of the user's path.
_UNION_TAGS = {"http", "mns"}


def config_key(alias: str) -> str:
    return _OUTSIDE_NAMESPACE.get(alias, f"{NAMESPACE}:{alias}")


def join_path(root: str, loc: Sequence[str | int]) -> str:
    path = root
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _loc_to_path(loc: Sequence[str | int]) -> tuple[str, bool]:
    """Returns the key path and whether the error is about a mapping key (pydantic's `[key]` marker)."""
    if not loc:
        return NAMESPACE, False
    parts = list(loc)
    is_key = parts[-1] == "[key]"
    if is_key:
        parts = parts[:-1]
    if parts[0] == "callbacks" and len(parts) > 2 and parts[2] in _UNION_TAGS:
        del parts[2]
    return join_path(config_key(str(parts[0])), parts[1:]), is_key


def _message(error: dict[str, object], is_key: bool) -> str:
    kind = error.get("type")
    msg = str(error.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    msg = msg.removeprefix("Value error, ")
    return f"invalid name: {msg}" if is_key else msg


def error_lines(exc: ValidationError) -> list[tuple[str, str]]:
    """(key path, message) for each problem, in pydantic's order (the declaration's order)."""
    lines: list[tuple[str, str]] = []
    for error in exc.errors(include_url=False):
        path, is_key = _loc_to_path(error["loc"])
        lines.append((path, _message(dict(error), is_key)))
    return lines
