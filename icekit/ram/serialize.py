"""The one canonical JSON text of a RAM document: what components send to RAM.

Deterministic, so the same declaration always yields the same bytes: keys sorted, compact separators,
action/resource/principal lists sorted and de-duplicated, condition values sorted. Statement order is kept
(it is the author's). A trust statement (one with a `Principal`) writes its single action as a string, the
way RAM writes trust policies (`"Action": "sts:AssumeRole"`). The text must fit RAM's size limit.

This module reads statements by their shape (the protocols below), so the model can offer `to_json()`
without an import cycle.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from icekit.ram.limits import check_size

__all__ = ["ConditionBlock", "condition_block", "document_data", "document_json", "statement_data"]

# condition operator -> condition key -> values
ConditionBlock = dict[str, dict[str, list[str]]]


class StatementShape(Protocol):
    @property
    def effect(self) -> str: ...
    @property
    def actions(self) -> tuple[str, ...]: ...
    @property
    def not_actions(self) -> tuple[str, ...]: ...
    @property
    def resources(self) -> tuple[str, ...]: ...
    @property
    def not_resources(self) -> tuple[str, ...]: ...
    @property
    def principals(self) -> Sequence[tuple[str, str]]: ...
    @property
    def conditions(self) -> Sequence[tuple[str, str, tuple[str, ...]]]: ...


def condition_block(conditions: Iterable[tuple[str, str, tuple[str, ...]]]) -> ConditionBlock:
    """(operator, key, values) triples as RAM's `Condition` object, values sorted."""
    block: ConditionBlock = {}
    for operator, key, values in conditions:
        block.setdefault(operator, {}).setdefault(key, []).extend(values)
    return {op: {key: sorted(values) for key, values in keys.items()} for op, keys in block.items()}


def _principal_block(principals: Sequence[tuple[str, str]]) -> str | dict[str, list[str]]:
    if any(kind == "*" for kind, _ in principals):
        return "*"
    block: dict[str, set[str]] = {}
    for kind, value in principals:
        block.setdefault(kind, set()).add(value)
    return {kind: sorted(values) for kind, values in block.items()}


def statement_data(statement: StatementShape) -> dict[str, Any]:
    """One statement as RAM JSON data (absent elements are left out)."""
    data: dict[str, Any] = {"Effect": statement.effect}
    for element, values in (
        ("Action", statement.actions),
        ("NotAction", statement.not_actions),
        ("Resource", statement.resources),
        ("NotResource", statement.not_resources),
    ):
        if values:
            data[element] = sorted(set(values))
    if statement.principals:
        data["Principal"] = _principal_block(statement.principals)
        if len(data.get("Action", ())) == 1:
            data["Action"] = data["Action"][0]
    if statement.conditions:
        data["Condition"] = condition_block(statement.conditions)
    return data


def document_data(statements: Sequence[StatementShape]) -> dict[str, Any]:
    if not statements:
        raise ValueError("a RAM policy document needs at least one statement")
    return {"Statement": [statement_data(s) for s in statements], "Version": "1"}


def document_json(statements: Sequence[StatementShape]) -> str:
    """The compact, sorted JSON text; DocumentTooLargeError when it exceeds RAM's limit."""
    data = document_data(statements)
    return check_size(json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
