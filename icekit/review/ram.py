"""RAM policy documents as data: normalized statements and how one statement compares to another.

Normalizing makes two documents that differ only in layout compare equal: Action/Resource become sorted
lists, the action's service prefix is lower-cased (action names compare case-insensitively), a single
Principal/Condition value becomes a one-element list, booleans become "true"/"false".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from icekit.review.patterns import (
    action_covered,
    cidr_covered,
    glob_covers,
    principal_covered,
    value_covered,
)

__all__ = [
    "Condition",
    "Statement",
    "compare_statements",
    "parse_document",
    "statement_covered_by",
    "statement_covers",
]


@dataclass(frozen=True, order=True)
class Condition:
    operator: str
    key: str
    values: tuple[str, ...]

    @property
    def identity(self) -> tuple[str, str]:
        # Condition operators and keys are case-insensitive in RAM (`acs:SourceIp` == `acs:sourceip`).
        return (self.operator.casefold(), self.key.casefold())

    def render(self) -> str:
        shown = self.values[0] if len(self.values) == 1 else "[" + ", ".join(self.values) + "]"
        return f"{self.operator} {self.key} = {shown}"


@dataclass(frozen=True)
class Statement:
    effect: str
    actions: tuple[str, ...] = ()
    not_actions: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    not_resources: tuple[str, ...] = ()
    principals: tuple[tuple[str, str], ...] = ()
    conditions: tuple[Condition, ...] = field(default=())

    @property
    def identity(self) -> tuple[str, frozenset[str], frozenset[str]]:
        """Statements pair up across revisions by (Effect, action set)."""
        return (
            self.effect,
            frozenset(a.casefold() for a in self.actions),
            frozenset(a.casefold() for a in self.not_actions),
        )

    def comparable(self) -> tuple[Any, ...]:
        return (
            self.effect,
            tuple(sorted(a.casefold() for a in self.actions)),
            tuple(sorted(a.casefold() for a in self.not_actions)),
            self.resources,
            self.not_resources,
            self.principals,
            tuple(sorted((c.identity, c.values) for c in self.conditions)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "effect": self.effect,
            "actions": list(self.actions),
            "notActions": list(self.not_actions),
            "resources": list(self.resources),
            "notResources": list(self.not_resources),
            "principals": [f"{kind}:{value}" if kind != "*" else "*" for kind, value in self.principals],
            "conditions": [c.render() for c in self.conditions],
        }


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.casefold() in ("true", "false"):
        return value.casefold()
    return str(value)


def _normalize_action(action: str) -> str:
    service, sep, name = action.partition(":")
    return f"{service.lower()}{sep}{name}" if sep else action


def _sorted_actions(values: Iterable[Any]) -> tuple[str, ...]:
    unique: dict[str, str] = {}
    for value in values:
        action = _normalize_action(str(value))
        unique.setdefault(action.casefold(), action)
    return tuple(unique[k] for k in sorted(unique))


def _principals(value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if value == "*":
        return (("*", "*"),)
    if not isinstance(value, Mapping):
        return tuple(sorted({("RAM", str(v)) for v in _as_list(value)}))
    return tuple(sorted({(str(kind), str(v)) for kind, values in value.items() for v in _as_list(values)}))


def _conditions(value: Any) -> tuple[Condition, ...]:
    if not isinstance(value, Mapping):
        return ()
    conditions = []
    for operator, keys in value.items():
        if not isinstance(keys, Mapping):
            continue
        for key, values in keys.items():
            texts = tuple(sorted({_scalar_text(v) for v in _as_list(values)}))
            conditions.append(Condition(str(operator), str(key), texts))
    return tuple(sorted(conditions, key=lambda c: (c.identity, c.values)))


def _effect(value: Any) -> str:
    text = str(value or "Allow").strip().casefold()
    return "Deny" if text == "deny" else "Allow"


def parse_statement(raw: Mapping[str, Any]) -> Statement:
    return Statement(
        effect=_effect(raw.get("Effect")),
        actions=_sorted_actions(_as_list(raw.get("Action"))),
        not_actions=_sorted_actions(_as_list(raw.get("NotAction"))),
        resources=tuple(sorted({str(r) for r in _as_list(raw.get("Resource"))})),
        not_resources=tuple(sorted({str(r) for r in _as_list(raw.get("NotResource"))})),
        principals=_principals(raw.get("Principal")),
        conditions=_conditions(raw.get("Condition")),
    )


def parse_document(document: Any) -> list[Statement] | None:
    """Statements of a policy document (JSON text or already parsed); None if it cannot be read."""
    if document is None:
        return []
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            return None
    if not isinstance(document, Mapping):
        return None
    raw_statements = document.get("Statement", [])
    statements = [parse_statement(s) for s in _as_list(raw_statements) if isinstance(s, Mapping)]
    if len(statements) != len(_as_list(raw_statements)):
        return None
    return statements


# --- comparing two statements -------------------------------------------------------------------------

_ALLOW_SET_OPERATORS = {
    "stringequals": (False, True),  # (glob, case_sensitive)
    "stringequalsignorecase": (False, False),
    "stringlike": (True, True),
    "arnequals": (False, True),
    "arnlike": (True, True),
}
_EXCLUDE_SET_OPERATORS = {
    "stringnotequals": (False, True),
    "stringnotequalsignorecase": (False, False),
    "stringnotlike": (True, True),
    "arnnotequals": (False, True),
    "arnnotlike": (True, True),
}


def _values_within(narrow: Iterable[str], wide: tuple[str, ...], operator: str) -> bool:
    """Every value of `narrow` is admitted by `wide` under an allow-list style operator."""
    op = operator.casefold()
    if op == "ipaddress":
        return all(cidr_covered(v, wide) for v in narrow)
    glob, case_sensitive = _ALLOW_SET_OPERATORS[op]
    return all(value_covered(v, wide, glob=glob, case_sensitive=case_sensitive) for v in narrow)


def _condition_loosened(base: Condition, head: Condition) -> str | None:
    """Why `head` admits requests `base` refused, or None when it provably does not."""
    if base.values == head.values:
        return None
    op = base.operator.casefold()
    label = f"condition {base.operator} {base.key}"
    if op == "ipaddress" or op in _ALLOW_SET_OPERATORS:
        return None if _values_within(head.values, base.values, op) else f"{label} widened"
    if op == "notipaddress":
        return None if all(cidr_covered(v, head.values) for v in base.values) else f"{label} loosened"
    if op in _EXCLUDE_SET_OPERATORS:
        glob, case_sensitive = _EXCLUDE_SET_OPERATORS[op]
        covered = all(
            value_covered(v, head.values, glob=glob, case_sensitive=case_sensitive) for v in base.values
        )
        return None if covered else f"{label} loosened"
    if op == "bool" and base.key.casefold() == "acs:securetransport":
        return f"{label} no longer requires true" if head.values != ("true",) else None
    # Numeric, date and other operators: a change cannot be ranked, so it counts as possibly loosened.
    return f"{label} changed (cannot prove it is not looser)"


def _counterparts(
    conditions: tuple[Condition, ...], others: tuple[Condition, ...]
) -> Iterator[tuple[Condition, Condition | None]]:
    """Each condition with the other side's one of the same operator and key (None: the other has none)."""
    by_identity = {c.identity: c for c in others}
    return ((condition, by_identity.get(condition.identity)) for condition in conditions)


def _conditions_loosened(base: tuple[Condition, ...], head: tuple[Condition, ...]) -> list[str]:
    reasons = []
    for condition, match in _counterparts(base, head):
        if match is None:
            reasons.append(f"condition {condition.operator} {condition.key} removed")
        elif reason := _condition_loosened(condition, match):
            reasons.append(reason)
    return reasons


def _conditions_tightened(base: tuple[Condition, ...], head: tuple[Condition, ...]) -> list[str]:
    reasons = []
    for condition, match in _counterparts(head, base):
        if match is None:
            reasons.append(f"condition {condition.operator} {condition.key} added")
        elif _condition_loosened(condition, match) is not None:  # the base's is looser than the head's
            reasons.append(f"condition {condition.operator} {condition.key} tightened")
    return reasons


def _scope_extra(wide: Statement, narrow: Statement) -> list[tuple[str, str]]:
    """What `narrow` matches that `wide` does not, as (kind, item) pairs."""
    extra = [("action", a) for a in narrow.actions if not action_covered(a, wide.actions)]
    extra += [("resource", r) for r in narrow.resources if not any(glob_covers(w, r) for w in wide.resources)]
    extra += [
        ("principal", "*" if kind == "*" else f"{kind}:{value}")
        for kind, value in narrow.principals
        if not principal_covered((kind, value), wide.principals)
    ]
    # NotAction/NotResource invert the match: an exclusion `wide` has and `narrow` lacks widens `narrow`.
    extra += [("NotAction", a) for a in wide.not_actions if not action_covered(a, narrow.not_actions)]
    extra += [
        ("NotResource", r)
        for r in wide.not_resources
        if not any(glob_covers(n, r) for n in narrow.not_resources)
    ]
    return extra


_ALLOW_GAINED = {
    "action": "action {} added",
    "resource": "resource widened to {}",
    "principal": "principal {} admitted",
    "NotAction": "NotAction exclusion {} removed",
    "NotResource": "NotResource exclusion {} removed",
}
_ALLOW_LOST = {
    "action": "action {} removed",
    "resource": "resource {} no longer granted",
    "principal": "principal {} no longer admitted",
    "NotAction": "NotAction exclusion {} added",
    "NotResource": "NotResource exclusion {} added",
}


def compare_statements(base: Statement, head: Statement) -> tuple[list[str], list[str]]:
    """(broadening reasons, narrowing reasons) of replacing `base` by `head` (same effect)."""
    gained = _scope_extra(base, head)
    lost = _scope_extra(head, base)
    if base.effect == "Allow":
        broadening = [_ALLOW_GAINED[kind].format(item) for kind, item in gained]
        broadening += _conditions_loosened(base.conditions, head.conditions)
        narrowing = [_ALLOW_LOST[kind].format(item) for kind, item in lost]
        narrowing += _conditions_tightened(base.conditions, head.conditions)
        return broadening, narrowing
    # A Deny protects: access broadens when the Deny matches less (scope shrinks, conditions tighten).
    broadening = [f"Deny no longer covers {kind} {item}" for kind, item in lost]
    broadening += [f"Deny {reason}" for reason in _conditions_tightened(base.conditions, head.conditions)]
    narrowing = [f"Deny now also covers {kind} {item}" for kind, item in gained]
    narrowing += [f"Deny {reason}" for reason in _conditions_loosened(base.conditions, head.conditions)]
    return broadening, narrowing


def statement_covers(general: Statement, specific: Statement) -> bool:
    """`general` grants (Allow) or denies (Deny) at least everything `specific` does."""
    return (
        general.effect == specific.effect
        and not _scope_extra(general, specific)
        and not _conditions_loosened(general.conditions, specific.conditions)
    )


def statement_covered_by(statement: Statement, others: Iterable[Statement]) -> bool:
    """Some statement of `others` covers `statement`, or, action by action, several do together
    (a statement split into one per action, or merged from several, grants the same access)."""
    candidates = [o for o in others if o.effect == statement.effect]
    if any(statement_covers(other, statement) for other in candidates):
        return True
    if len(statement.actions) < 2:
        return False
    return all(
        any(statement_covers(other, replace(statement, actions=(action,))) for other in candidates)
        for action in statement.actions
    )
