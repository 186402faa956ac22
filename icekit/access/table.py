"""The access table of a stack: per role who may assume it and every action it is allowed, on which
resources, under which conditions. Rows group the actions allowed alike (same resources, conditions and
granting statement), so an `ice:*` grant is one row of every ICE action rather than four hundred."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from icekit.access.answers import Answers, answer
from icekit.access.describe import describe_contexts, describe_resources
from icekit.access.domain import OTHER_SERVICE_ACTION, Domain, domain_of
from icekit.access.model import AccessRow, AccessTable, RoleAccess, TrustRow, When
from icekit.access.roles import NamedDocument, RoleDocuments, roles_of_plan
from icekit.ram import PolicyDocument

if TYPE_CHECKING:
    from icekit.plan.model import PlanResult

__all__ = ["access_table", "action_label", "documents", "role_access", "role_domains"]


def documents(named: Iterable[NamedDocument | None]) -> list[PolicyDocument]:
    return [n.document for n in named if n is not None and n.document is not None]


def role_domains(roles: Sequence[RoleDocuments], *, region: str, account: str) -> tuple[Domain, Domain]:
    """The permission and the trust domain of these roles' documents together (one role; or the same
    role at base and head, so that both sides are decided on the same requests)."""
    permission = documents(p for role in roles for p in role.policies)
    trust = documents(role.trust for role in roles)
    return (
        domain_of(permission, region=region, account=account),
        domain_of(trust, region=region, account=account, actions=False),
    )


def action_label(domain: Domain, action: str) -> str:
    """An action as a reviewer reads it; a probe says which pattern it stands for."""
    pattern = domain.probes.get(action)
    if pattern is None:
        return action
    if action == OTHER_SERVICE_ACTION or pattern == "*":
        return "any action of any other service"
    return f"{pattern} (actions icekit does not list)"


def _grant_rows(domain: Domain, answers: Answers) -> tuple[AccessRow, ...]:
    by_action: dict[str, dict[str, frozenset[int]]] = {}
    for (action, resource), hits in answers.allowed.items():
        by_action.setdefault(action, {})[resource] = hits
    rows: dict[tuple[tuple[str, ...], When, str], list[str]] = {}
    for action in domain.actions:
        resources = by_action.get(action)
        if not resources:
            continue
        by_contexts: dict[frozenset[int], list[str]] = {}
        for resource, hits in resources.items():
            by_contexts.setdefault(hits, []).append(resource)
        for hits, group in by_contexts.items():
            decider = answers.deciders.get((action, group[0]))
            granted_by = decider.render() if decider else ""
            for when in describe_contexts(domain, hits):
                key = (describe_resources(domain, group), when, granted_by)
                rows.setdefault(key, []).append(action_label(domain, action))
    return tuple(AccessRow(tuple(actions), *key) for key, actions in rows.items())


def _trust_rows(domain: Domain, answers: Answers) -> tuple[TrustRow, ...]:
    by_label: dict[str, set[int]] = {}
    granted: dict[str, str] = {}
    for principal, hits in answers.assumable.items():
        label = domain.principal_labels[principal]
        by_label.setdefault(label, set()).update(hits)
        decider = answers.trust_deciders.get(principal)
        granted.setdefault(label, decider.render() if decider else "")
    return tuple(
        TrustRow(label, when, granted[label])
        for label, hits in by_label.items()
        for when in describe_contexts(domain, hits)
    )


def _unknown_trust(role: RoleDocuments) -> tuple[str, ...]:
    if role.trust is not None:
        return ()
    return (f"trust policy of role {role.role}: not in this stack (it only attaches policies to the role)",)


def role_access(role: RoleDocuments, *, region: str, account: str) -> tuple[RoleAccess, int]:
    """One role's table and how many requests it took."""
    permission, trust = role_domains([role], region=region, account=account)
    answers = answer(role.policies, role.trust, permission, trust)
    access = RoleAccess(
        role=role.role,
        app=role.app,
        declaration_path=role.declaration_path,
        assumable_by=_trust_rows(trust, answers),
        grants=_grant_rows(permission, answers),
        problems=tuple(f"{name}: {why}" for name, why in answers.problems) + _unknown_trust(role),
    )
    return access, answers.decisions


def access_table(plan: PlanResult, app: str | None = None) -> AccessTable:
    """Every role of the plan (or only `app`'s): the apps' roles in declaration (registration) order,
    then roles of no app."""
    roles = sorted(
        (r for r in roles_of_plan(plan) if app is None or r.app == app), key=lambda r: r.app is None
    )
    built = [role_access(role, region=plan.region, account=plan.accountId) for role in roles]
    return AccessTable(
        stack=plan.stack,
        region=plan.region,
        account_id=plan.accountId,
        roles=tuple(access for access, _ in built),
        decisions=sum(count for _, count in built),
    )
