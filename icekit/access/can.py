"""`icekit access STACK --can ACTION`: could this app's role do ACTION, and which statement says so?

The values given (`--resource`, `--source-ip`, `--secure-transport`) are fixed; the ones left out range over
the role's domain, so "could it delete media?" without `--source-ip` asks whether any address may. The
answer names the deciding statement: the first Allow when some request is allowed, else the first Deny
that refused one, else none (implicit deny), with the reasons the statements naming the action refuse.
"""

from __future__ import annotations

import difflib
import ipaddress
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from icekit.access.answers import compiled
from icekit.access.describe import describe_contexts, describe_resources
from icekit.access.domain import Domain
from icekit.access.model import CanAnswer, Https, When
from icekit.access.roles import RoleDocuments, roles_of_plan
from icekit.access.table import role_domains
from icekit.errors import UserInputError
from icekit.ram import CompiledPolicy, Decision, Request, evaluate
from icekit.ram.ice_actions import ICE_SERVICE, canonical_ice_action, ice_actions
from icekit.ram.names import SECURE_TRANSPORT, SOURCE_IP, action_service, normal_action
from icekit.ram.operators import compile_condition

if TYPE_CHECKING:
    from icekit.plan.model import PlanResult

__all__ = ["Question", "can", "pick_role"]


@dataclass(frozen=True)
class Question:
    action: str
    app: str | None = None
    resource: str | None = None
    source_ip: str | None = None
    secure_transport: bool | None = None

    def checked(self) -> Question:
        """The question with its action spelled as ICE spells it and its address normalized;
        UserInputError for an action or an address that is none (checked before anything is planned)."""
        action, source_ip = _action(self.action), _source_ip(self.source_ip)
        return Question(action, self.app, self.resource, source_ip, self.secure_transport)


def _action(text: str) -> str:
    action = normal_action(text.strip())
    if ":" not in action or "*" in action or "?" in action:
        raise UserInputError(f"{text!r} is not one action (service:Name, no wildcard)", key_path="--can")
    if action_service(action) == ICE_SERVICE:
        known = canonical_ice_action(action)
        if known is None:
            close = difflib.get_close_matches(action, sorted(ice_actions()), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise UserInputError(f"{text!r} is not an ICE action{hint}", key_path="--can")
        return known
    return action


def _source_ip(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        raise UserInputError(f"{text!r} is not an IPv4 or IPv6 address", key_path="--source-ip") from None


def pick_role(plan: PlanResult, app: str | None) -> RoleDocuments:
    """`app`'s role; without `app`, the stack's only app's role."""
    roles = [role for role in roles_of_plan(plan) if role.app is not None]
    apps = ", ".join(role.app for role in roles if role.app) or "none"
    if app is None:
        if len(roles) == 1:
            return roles[0]
        raise UserInputError(
            f"stack {plan.stack!r} has {len(roles)} apps ({apps}): give one", key_path="--app"
        )
    for role in roles:
        if role.app == app:
            return role
    raise UserInputError(f"no app {app!r} in stack {plan.stack!r} (apps: {apps})", key_path="--app")


def _contexts(domain: Domain, question: Question) -> list[tuple[list[int], dict[str, str]]]:
    """The domain's contexts with the given values put in: each distinct request context, and the
    indexes of the domain contexts it stands for."""
    fixed = _given(question)
    folded = set(fixed)
    found: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for index, context in enumerate(domain.contexts):
        keys = {
            a.key: v
            for a, v in zip(domain.axes, context, strict=True)
            if v is not None and a.key.casefold() not in folded
        }
        found.setdefault(tuple(sorted({**keys, **fixed}.items())), []).append(index)
    return [(indexes, dict(keys)) for keys, indexes in found.items()]


def _with_given(when: When, question: Question) -> When:
    """A When of the allowed requests, saying the values the question fixed rather than "any"."""
    networks = (question.source_ip,) if question.source_ip else when.networks
    https: Https | None = when.https
    if question.secure_transport is not None:
        https = "required" if question.secure_transport else "plain HTTP only"
    return When(networks, https, when.other)


def _truth(value: bool | None) -> str | None:
    return None if value is None else "true" if value else "false"


def _given(question: Question) -> dict[str, str]:
    """The context keys the question fixes, case-folded as the evaluator reads them."""
    given = {SOURCE_IP: question.source_ip, SECURE_TRANSPORT: _truth(question.secure_transport)}
    return {key.casefold(): value for key, value in given.items() if value is not None}


def _reasons(policies: list[CompiledPolicy], question: Question, decision: Decision) -> tuple[str, ...]:
    """Why nothing allows the question: a Deny, or per Allow statement naming the action the resource or
    the given values it does not admit."""
    if decision.kind == "explicit-deny" and decision.statement is not None:
        return (f"{decision.statement.render()} denies it (a Deny wins over any Allow)",)
    given = _given(question)
    reasons = []
    for policy in policies:
        for statement in policy.for_action(question.action)[1]:
            where = f"{policy.name} Statement[{statement.index}]"
            if question.resource and not statement.matches_resource(question.resource):
                resources = ", ".join(statement.statement.resources) or "other resources"
                reasons.append(f"{where} allows it only on {resources}")
            failing = [
                c.render()
                for c in statement.statement.conditions
                if c.key.casefold() in given and not compile_condition(c).holds(given)
            ]
            if failing:
                reasons.append(f"{where} allows it only when {'; '.join(failing)}")
    return tuple(reasons) or (f"no statement of the role's policies allows {question.action}",)


@dataclass
class _Search:
    """What deciding every request of the question found."""

    allowed: dict[str, set[int]]  # resource -> domain contexts allowed
    first: Decision | None = None  # the first allowing decision
    denial: tuple[Request, Decision] | None = None  # the first refusal (an explicit Deny preferred)


def _search(policies: list[CompiledPolicy], domain: Domain, question: Question) -> _Search:
    found = _Search({})
    resources = [question.resource] if question.resource else list(domain.resources)
    for resource in resources:
        for indexes, keys in _contexts(domain, question):
            request = Request(question.action, resource, None, keys)
            decision = evaluate(policies, request)
            if decision.allowed:
                found.allowed.setdefault(resource, set()).update(indexes)
                found.first = found.first or decision
            elif found.denial is None or (
                decision.kind == "explicit-deny" and found.denial[1].kind != "explicit-deny"
            ):
                found.denial = (request, decision)
    return found


def can(plan: PlanResult, question: Question) -> CanAnswer:
    """The answer for `question`; UserInputError for an unknown app, action or a bad address."""
    question = question.checked()
    role = pick_role(plan, question.app)
    domain, _ = role_domains([role], region=plan.region, account=plan.accountId)
    policies, problems = compiled(role.policies)
    found = _search(policies, domain, question)
    answer = CanAnswer(
        stack=plan.stack,
        app=role.app,
        role=role.role,
        action=question.action,
        resource=question.resource,
        source_ip=question.source_ip,
        secure_transport=question.secure_transport,
        allowed=False,
        decision="implicit-deny",
        statement=None,
    )
    if found.first is not None:
        shown = (question.resource,) if question.resource else describe_resources(domain, found.allowed)
        where = describe_contexts(domain, set().union(*found.allowed.values()))
        return replace(
            answer,
            allowed=True,
            decision="allow",
            statement=found.first.statement.render() if found.first.statement else None,
            resources=shown,
            where=tuple(_with_given(when, question) for when in where),
        )
    if found.denial is None:  # no resource to ask about: cannot happen, the domain always has some
        return replace(answer, reasons=tuple(f"{name}: {why}" for name, why in problems))
    decision = found.denial[1]
    return replace(
        answer,
        decision=decision.kind,
        statement=decision.statement.render() if decision.statement else None,
        reasons=(*_reasons(policies, question, decision), *(f"{n}: {why}" for n, why in problems)),
    )
