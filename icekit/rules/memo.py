"""What rules derive from the same input more than once during one evaluation: a stack of many apps
repeats the same policy documents, and each rule that proves something about a document (RAM106's source
reach) finds it once per distinct text. A memo lives in one RuleContext, so it never outlives the
evaluation of one plan."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, cast

__all__ = ["Memo"]

T = TypeVar("T")


class Memo:
    """`get(kind, key, compute)`: `compute()` the first time (kind, key) is asked, the same value after."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, Hashable], object] = {}

    def get(self, kind: str, key: Hashable, compute: Callable[[], T]) -> T:
        entry = (kind, key)
        if entry not in self._found:
            self._found[entry] = compute()
        return cast(T, self._found[entry])
