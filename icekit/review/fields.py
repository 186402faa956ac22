"""Leaf-by-leaf comparison of two JSON-shaped values, with secrets masked in what is shown."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping

from icekit.json_input import parse_json
from icekit.keypath import join_key_path
from icekit.report.model import FieldChange
from icekit.secrets import MASK, is_masked, is_offline_placeholder

__all__ = ["diff_fields", "display", "flatten", "is_secret_key"]

_SECRET_WORDS = ("secret", "password", "authkey", "privatekey")


def is_secret_key(key: str) -> bool:
    lowered = key.replace("_", "").replace("-", "").casefold()
    return any(word in lowered for word in _SECRET_WORDS) or lowered.endswith("token")


def _item_label(item: Mapping[object, object], index: int) -> str:
    for key in ("type", "name", "app"):
        label = item.get(key)
        if isinstance(label, str):
            return label
    return str(index)


def flatten(value: object, prefix: str = "", *, decode_json_strings: bool = False) -> dict[str, object]:
    """Leaves of `value` (a JSON value) by key path. Lists of objects are keyed by their `type`/`name` when
    present; JSON strings (the wire strings of a request) are opened when asked so their fields diff one
    by one."""
    if decode_json_strings and isinstance(value, str) and value[:1] in ("{", "["):
        with contextlib.suppress(ValueError):
            value = parse_json(value)
    if isinstance(value, Mapping) and value:
        leaves: dict[str, object] = {}
        for key in sorted(value):
            path = join_key_path(prefix, [str(key)])
            if is_secret_key(str(key)) and value[key] is not None:
                leaves[path] = _Secret(value[key])
            else:
                leaves.update(flatten(value[key], path, decode_json_strings=decode_json_strings))
        return leaves
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        leaves = {}
        for index, item in enumerate(value):
            path = join_key_path(prefix, [f"[{_item_label(item, index)}]"])
            leaves.update(flatten(item, path, decode_json_strings=decode_json_strings))
        return leaves
    return {prefix: value}


class _Secret:
    """A leaf under a secret-looking key: compared by value, always shown as the mask."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Secret) and other.value == self.value

    def __hash__(self) -> int:
        return hash(json.dumps(self.value, sort_keys=True, default=str))


def display(value: object) -> str:
    if isinstance(value, _Secret) or is_masked(value) or is_offline_placeholder(value):
        return MASK
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def diff_fields(base: object, head: object, *, decode_json_strings: bool = False) -> tuple[FieldChange, ...]:
    """Changed leaves between `base` and `head` (None = absent), sorted by path."""
    base_leaves = {} if base is None else flatten(base, decode_json_strings=decode_json_strings)
    head_leaves = {} if head is None else flatten(head, decode_json_strings=decode_json_strings)
    changes = []
    for path in sorted(set(base_leaves) | set(head_leaves)):
        old = base_leaves.get(path, _ABSENT)
        new = head_leaves.get(path, _ABSENT)
        if old == new:
            continue
        changes.append(
            FieldChange(
                path=path,
                base=None if old is _ABSENT else display(old),
                head=None if new is _ABSENT else display(new),
            )
        )
    return tuple(changes)


_ABSENT = object()
