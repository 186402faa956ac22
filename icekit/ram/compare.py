"""How one RAM statement compares to another: what replacing one by the other gains or loses, and whether
one covers another. Review compares documents with these, in normal form (`Statement.normalized()`), so
that two documents that differ only in layout compare equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from icekit.ram.coverage import (
    action_covered,
    cidr_covered,
    glob_covers,
    principal_covered,
    value_covered,
)
from icekit.ram.model import Condition, Statement
from icekit.ram.parse import parse_lenient

__all__ = [
    "compare_statements",
    "normalized_statements",
    "pairing_key",
    "statement_covered_by",
    "statement_covers",
]


def normalized_statements(document: Any) -> list[Statement] | None:
    """The statements of a document (JSON text, a mapping, or None: none) in normal form; None when it
    cannot be read (review counts a change to such a document as broadening)."""
    parsed = parse_lenient(document)
    return None if parsed is None else [statement.normalized() for statement in parsed.statements]


def pairing_key(statement: Statement) -> tuple[str, frozenset[str], frozenset[str]]:
    """Statements pair up across revisions by (Effect, action set)."""
    return (
        statement.effect,
        frozenset(a.casefold() for a in statement.actions),
        frozenset(a.casefold() for a in statement.not_actions),
    )


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
        ("principal", principal.render())
        for principal in narrow.principals
        if not principal_covered(principal, wide.principals)
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


def _with_action(statement: Statement, action: str) -> Statement:
    return statement.model_copy(update={"actions": (action,)})


def statement_covered_by(statement: Statement, others: Iterable[Statement]) -> bool:
    """Some statement of `others` covers `statement`, or, action by action, several do together
    (a statement split into one per action, or merged from several, grants the same access)."""
    candidates = [o for o in others if o.effect == statement.effect]
    if any(statement_covers(other, statement) for other in candidates):
        return True
    if len(statement.actions) < 2:
        return False
    return all(
        any(statement_covers(other, _with_action(statement, action)) for other in candidates)
        for action in statement.actions
    )
