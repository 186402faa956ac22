"""A role's answers on a domain: for every (action, resource) the request contexts in which the evaluator
allows it, and for every principal the contexts in which the trust policy lets it assume the role.

Everything here is the evaluator's decision (`icekit.ram.evaluate`'s rule, on a grid: icekit.access.grid):
no statement is read as text. Documents the evaluator cannot decide with (unreadable, not in the plan, an
unsupported operator) are left out and named in `problems`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from icekit.access.domain import Domain
from icekit.access.grid import DecisionGrid, indexes
from icekit.ram import CompiledPolicy, DecidingStatement, EvaluationError, Principal, compile_policy
from icekit.ram.names import ASSUME_ROLE

if TYPE_CHECKING:
    from icekit.access.roles import NamedDocument

__all__ = ["Answers", "Grant", "Problem", "answer", "compiled", "grants", "grants_on", "trusts"]

Grant = tuple[str, str]  # (action, resource)
Problem = tuple[str, str]


@dataclass(frozen=True)
class Answers:
    """`allowed[key]`: the indexes (into the domain's contexts) of the contexts in which `key` is allowed;
    keys never allowed are absent. `deciders[key]`: the statement that allowed it in the first of them."""

    allowed: Mapping[Grant, frozenset[int]] = field(default_factory=dict)
    deciders: Mapping[Grant, DecidingStatement] = field(default_factory=dict)
    assumable: Mapping[Principal, frozenset[int]] = field(default_factory=dict)
    trust_deciders: Mapping[Principal, DecidingStatement] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()  # (document name, why the evaluator leaves it out)
    decisions: int = 0  # requests decided to find these answers

    def for_action(self, action: str) -> dict[str, frozenset[int]]:
        """resource -> contexts in which `action` is allowed on it."""
        return {resource: hits for (name, resource), hits in self.allowed.items() if name == action}


def compiled(documents: Iterable[NamedDocument]) -> tuple[list[CompiledPolicy], list[Problem]]:
    """The documents the evaluator can decide with, and why each other one cannot be evaluated."""
    policies: list[CompiledPolicy] = []
    problems: list[Problem] = []
    for named in documents:
        if named.document is None:
            problems.append((named.name, named.problem or "cannot be read"))
            continue
        try:
            policies.append(compile_policy(named.document, name=named.name))
        except EvaluationError as exc:
            problems.append((named.name, f"cannot be evaluated ({exc})"))
    return policies, problems


def _candidates(policies: list[CompiledPolicy], domain: Domain) -> list[str]:
    """The domain's actions some statement names. Statements of literal actions name only those (a set
    lookup); a wildcard or a NotAction needs every action tried."""
    statements = [s for policy in policies for s in (*policy.denies, *policy.allows)]
    literal = all(
        not s.statement.not_actions and not any("*" in a or "?" in a for a in s.statement.actions)
        for s in statements
    )
    if literal:
        named = {a.casefold() for s in statements for a in s.statement.actions}
        folded = domain.folded_actions
        found = {folded[a] for a in named if a in folded}
        return sorted(found, key=domain.positions.__getitem__)
    return [a for a in domain.actions if any(any(policy.for_action(a)) for policy in policies)]


def _alike(policies: list[CompiledPolicy], actions: list[str]) -> dict[tuple[object, ...], list[str]]:
    """Actions grouped by the statements whose Action matches them: the action enters a decision only
    through that match, so actions of one group get the same decision on every request."""
    groups: dict[tuple[object, ...], list[str]] = {}
    for action in actions:
        matching = tuple(
            (tuple(s.index for s in denies), tuple(s.index for s in allows))
            for denies, allows in (policy.for_action(action) for policy in policies)
        )
        groups.setdefault(matching, []).append(action)
    return groups


def grants(
    policies: list[CompiledPolicy], domain: Domain
) -> tuple[dict[Grant, frozenset[int]], dict[Grant, DecidingStatement], int]:
    """Every (action, resource) of the domain in every context, and how many requests that took: one
    action per group of alike actions (`_alike`) is decided; actions no statement names are skipped
    (denied everywhere: only a statement whose Action matches can allow or deny). The requests are
    decided on a grid (icekit.access.grid), every context of a resource at once."""
    return grants_on(DecisionGrid(policies, domain))


def grants_on(
    grid: DecisionGrid,
) -> tuple[dict[Grant, frozenset[int]], dict[Grant, DecidingStatement], int]:
    """`grants` on a grid its caller keeps (RAM106 asks the same grid about single statements)."""
    policies, domain = list(grid.policies), grid.domain
    allowed: dict[Grant, frozenset[int]] = {}
    deciders: dict[Grant, DecidingStatement] = {}
    decided = 0
    for actions in _alike(policies, _candidates(policies, domain)).values():
        decided += len(domain.resources) * len(domain.contexts)
        for resource in domain.resources:
            mask, decider = grid.decide(actions[0], resource)
            if mask:
                hits = indexes(mask)
                for action in actions:
                    allowed[(action, resource)] = hits
                    if decider is not None:
                        deciders[(action, resource)] = decider
    # In the domain's action order, so that tables and sentences list actions as the domain does.
    order = domain.positions
    ordered = sorted(allowed, key=lambda grant: order[grant[0]])
    return {g: allowed[g] for g in ordered}, deciders, decided


def trusts(
    trust: CompiledPolicy, domain: Domain
) -> tuple[dict[Principal, frozenset[int]], dict[Principal, DecidingStatement]]:
    """Every principal of the domain asking for sts:AssumeRole, in every context."""
    grid = DecisionGrid([trust], domain)
    allowed: dict[Principal, frozenset[int]] = {}
    deciders: dict[Principal, DecidingStatement] = {}
    for principal in domain.principals:
        mask, decider = grid.decide(ASSUME_ROLE, "*", principal)
        if mask:
            allowed[principal] = indexes(mask)
            if decider is not None:
                deciders[principal] = decider
    return allowed, deciders


def answer(
    policies: Iterable[NamedDocument], trust: NamedDocument | None, permission: Domain, trust_domain: Domain
) -> Answers:
    """A role's answers: its attached `policies` decided on `permission`, its `trust` policy on
    `trust_domain` (None: a role this stack does not make, whose trust is not known)."""
    compiled_policies, problems = compiled(policies)
    allowed, deciders, decided = grants(compiled_policies, permission)
    assumable: dict[Principal, frozenset[int]] = {}
    trust_deciders: dict[Principal, DecidingStatement] = {}
    if trust is not None:
        trust_policies, trust_problems = compiled([trust])
        problems += trust_problems
        if trust_policies:
            assumable, trust_deciders = trusts(trust_policies[0], trust_domain)
            decided += len(trust_domain.principals) * len(trust_domain.contexts)
    return Answers(allowed, deciders, assumable, trust_deciders, tuple(problems), decided)
