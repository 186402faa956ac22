"""Statement diff of one stack's RAM documents (permission policies and trust policies): the statements
of each document at base and head paired, and every change classified broadening, narrowing or neutral.

Classified by the evaluator when a judge is given (icekit.review.exact: what the role can do at base
against head); the pattern-based comparison stays for the reasons it names and for documents the
evaluator cannot read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from icekit.facts.type_tokens import RAM_POLICY as POLICY_TYPE
from icekit.facts.type_tokens import RAM_ROLE as ROLE_TYPE
from icekit.ram import Statement
from icekit.ram.compare import (
    compare_statements,
    normalized_statements,
    pairing_key,
    statement_covered_by,
)
from icekit.report.model import Classification, StatementChange
from icekit.review.classification import classify, judged
from icekit.review.plan_reader import Plan, attachments, inputs, resource_key, resources, role_names

if TYPE_CHECKING:
    from icekit.review.exact import ExactJudge

__all__ = ["TRUST_SUFFIX", "deny_still_matters", "document_changes", "documents"]

TRUST_SUFFIX = "#trust"  # a role's trust policy is keyed by the role's key and this suffix


def documents(plan: Plan | None) -> dict[str, tuple[str, Any]]:
    """resource key -> (label, raw document), for every permission policy and every role's trust policy."""
    found: dict[str, tuple[str, Any]] = {}
    for resource in resources(plan):
        fields = inputs(resource)
        if resource.get("type") == POLICY_TYPE:
            label = f"policy {fields.get('policyName') or resource.get('name')}"
            found[resource_key(resource)] = (label, fields.get("policyDocument"))
        elif resource.get("type") == ROLE_TYPE:
            label = f"trust policy of role {fields.get('roleName') or resource.get('name')}"
            found[resource_key(resource) + TRUST_SUFFIX] = (label, fields.get("assumeRolePolicyDocument"))
    return found


def _pair(base: list[Statement], head: list[Statement]) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """Pairs (base index, head index) of statements that changed; unmatched indexes are removed/added.

    Exact matches pair first (and are dropped as unchanged), then same (Effect, action set), then same
    Effect with the largest action overlap: a statement that gained or lost an action stays one change."""
    free_base = set(range(len(base)))
    free_head = set(range(len(head)))
    pairs: list[tuple[int, int]] = []

    def match(same: Callable[[Statement, Statement], bool], keep: bool) -> None:
        for h in sorted(free_head):
            for b in sorted(free_base):
                if same(base[b], head[h]):
                    free_base.discard(b)
                    free_head.discard(h)
                    if keep:
                        pairs.append((b, h))
                    break

    match(lambda b, h: b.comparable() == h.comparable(), keep=False)
    match(lambda b, h: pairing_key(b) == pairing_key(h), keep=True)
    for h in sorted(free_head):
        head_actions = {a.casefold() for a in head[h].actions}
        overlaps = [
            (len(head_actions & {a.casefold() for a in base[b].actions}), -b)
            for b in free_base
            if base[b].effect == head[h].effect
        ]
        best = max(overlaps, default=(0, 0))
        if best[0] > 0:
            free_base.discard(-best[1])
            free_head.discard(h)
            pairs.append((-best[1], h))
    return sorted(pairs, key=lambda p: p[1]), free_base, free_head


def _covered_elsewhere(statement: Statement, others: Sequence[Statement]) -> bool:
    return statement_covered_by(statement, others)


def document_changes(
    label: str,
    base_doc: Any,
    head_doc: Any,
    *,
    trust: bool,
    deny_matters: bool = True,
    judge: ExactJudge | None = None,
) -> list[StatementChange]:
    base = normalized_statements(base_doc)
    head = normalized_statements(head_doc)
    if base is None or head is None:
        if base_doc == head_doc:
            return []
        # An unreadable document cannot be proven harmless, so a change to it counts as broadening.
        return [StatementChange(label, "+", Statement(), "broadening", ("document cannot be parsed",))]
    pairs, removed, added = _pair(base, head)
    changes: list[StatementChange] = []
    reasons: tuple[str, ...]
    for b, h in pairs:
        broadening, narrowing = compare_statements(base[b], head[h])
        # Access moved between statements is neither gained nor lost: judge against all statements.
        granting, denying = head[h].effect == "Allow", head[h].effect == "Deny"
        if broadening and granting and _covered_elsewhere(head[h], base):
            broadening = []
        if narrowing and granting and _covered_elsewhere(base[b], head):
            narrowing = []
        if broadening and denying and _covered_elsewhere(base[b], head):
            broadening = []
        if narrowing and denying and _covered_elsewhere(head[h], base):
            narrowing = []
        classification = classify(broadening, narrowing)
        reasons = tuple(broadening or narrowing or ["statement rewritten, same access"])
        exact = judge.statement(label, base[b], head[h]) if judge else None
        classification, reasons = judged(classification, reasons, exact)
        changes.append(StatementChange(label, "-", base[b], classification, reasons))
        changes.append(StatementChange(label, "+", head[h], classification, reasons))
    for b in sorted(removed):
        statement = base[b]
        classification, reasons = judged(
            *_removed(statement, head, deny_matters),
            judge.statement(label, statement, None) if judge else None,
        )
        changes.append(StatementChange(label, "-", statement, classification, reasons))
    for h in sorted(added):
        statement = head[h]
        classification, reasons = judged(
            *_added(statement, base, trust), judge.statement(label, None, statement) if judge else None
        )
        changes.append(StatementChange(label, "+", statement, classification, reasons))
    return changes


def _removed(
    statement: Statement, head: Sequence[Statement], deny_matters: bool
) -> tuple[Classification, tuple[str, ...]]:
    if statement.effect == "Deny":
        if not deny_matters:
            return "neutral", ("Deny removed together with the roles it applied to",)
        if _covered_elsewhere(statement, head):
            return "neutral", ("Deny folded into another Deny",)
        return "broadening", ("Deny statement removed",)
    if _covered_elsewhere(statement, head):
        return "neutral", ("still granted by another statement",)
    return "narrowing", ("Allow statement removed",)


def _added(
    statement: Statement, base: Sequence[Statement], trust: bool
) -> tuple[Classification, tuple[str, ...]]:
    if statement.effect == "Deny":
        return "narrowing", ("Deny statement added",)
    if _covered_elsewhere(statement, base):
        return "neutral", ("already granted at base",)
    if trust:
        who = ", ".join(p.render() for p in statement.principals) or "no principal"
        return "broadening", (f"trust policy admits {who}",)
    return "broadening", ("Allow statement added",)


def deny_still_matters(key: str, base: Plan | None, head: Plan | None) -> bool:
    """A removed document's Deny statements protected its roles; removal broadens access only for a role
    that lives on (a Deny restricts every grant of the role, from any policy)."""
    if key.endswith(TRUST_SUFFIX):
        return False  # the role itself is gone
    policy_name = next(
        (str(inputs(r).get("policyName")) for r in resources(base) if resource_key(r) == key), None
    )
    attached_roles = {role for role, policy, _ in attachments(base) if policy == policy_name}
    return bool(attached_roles & role_names(head))
