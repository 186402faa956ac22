"""The one strict JSON reader of documents users hand icekit (client configurations, snippets, stack outputs,
policy files, policy documents inside them, the runtime config).

Strict where `json.loads` is lax or crashes: a key given twice (json keeps the last value silently, so a
second `roleArn` or `Statement` would win), NaN/Infinity (not JSON), an integer of more than
`MAX_INTEGER_DIGITS` digits (Python's ValueError), nesting deeper than `MAX_NESTING_DEPTH` (RecursionError,
or documents no serializer can write back). Every refusal is a `JsonInputError`, a ValueError in user words.
"""

from __future__ import annotations

import json
from typing import Any

from icekit.facts.inputs import MAX_INTEGER_DIGITS, MAX_NESTING_DEPTH

__all__ = ["JsonInputError", "nesting_depth", "parse_json"]


class JsonInputError(ValueError):
    """The text is not a JSON document icekit accepts; the message says why."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise JsonInputError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise JsonInputError(f"{name} is not valid JSON")


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        raise JsonInputError(f"an integer of {digits} digits (at most {MAX_INTEGER_DIGITS})")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise JsonInputError(f"a number too large to represent ({text[:20]}...)")
    return value


def nesting_depth(value: Any, limit: int) -> int:
    """How deep arrays and objects nest in `value` (a scalar is 0), counting no further than `limit` + 1;
    iterative, so any depth is measured without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            stack.extend((child, depth) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_json(text: str, *, max_depth: int = MAX_NESTING_DEPTH) -> Any:
    """The JSON value in `text`, read strictly (see the module); raises JsonInputError, or JSONDecodeError
    (also a ValueError) for broken syntax."""
    try:
        value = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_no_constant,
            parse_int=_bounded_int,
            parse_float=_finite_float,
        )
    except RecursionError:
        raise JsonInputError(f"nested deeper than {max_depth} levels") from None
    if nesting_depth(value, max_depth) > max_depth:
        raise JsonInputError(f"nested deeper than {max_depth} levels")
    return value
