"""RAM108: each app's role allows what its client configuration lists, under its declared conditions, and
nothing more: proven with the RAM evaluator (icekit.access.least_privilege)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from icekit.access.least_privilege import LeastPrivilegeProver
from icekit.access.roles import Resource, roles_of
from icekit.facts.type_tokens import RAM_ROLE
from icekit.rules.base import StackRule, Violation
from icekit.rules.context import RuleContext
from icekit.rules.view import ResourceView

__all__ = ["LeastPrivilege"]

_OFFLINE_ACCOUNT = "000000000000"


class LeastPrivilege(StackRule):
    id = "RAM108"
    slug = "least-privilege"
    title = "Each app's role allows exactly what its client configuration lists, under its conditions"
    severity = "high"
    enforcement = "mandatory"
    rationale = (
        "The client configuration tells an app which actions it may call; its role must allow each of them "
        "from the declared networks, over HTTPS when declared, and nothing else: no other action, no other "
        "object than its bucket prefix, no other address. The RAM evaluator decides every request of the "
        "role's domain, so this is proven, not read from the statements' text. It needs the rendered client "
        "configuration, which `icekit check` and `icekit plan` have; a policy pack, which sees no stack "
        "outputs, takes it as the policy config `declaredAccess`."
    )
    fix = (
        "Let the components build the role's policies from the declaration, and attach nothing else to the "
        "role; or declare what the app needs (`actions`, `conditions`) so the client configuration lists it."
    )

    @classmethod
    def check(cls, views: Sequence[ResourceView], ctx: RuleContext) -> Iterator[Violation]:
        if not ctx.declared_access:
            return
        resources = [Resource(v.type, v.props, v.urn, None, v.declaration_path) for v in views]
        roles = {role.role: role for role in roles_of(resources)}
        role_views = {str(v.prop("roleName")): v for v in views if v.type == RAM_ROLE}
        prover = LeastPrivilegeProver(region=ctx.region, account=ctx.account_id or _OFFLINE_ACCOUNT)
        for intent in ctx.declared_access:
            role = roles.get(intent.role)
            if role is None:
                continue  # the role is not in these resources: nothing to prove here
            for problem in prover.problems(role, intent):
                yield Violation(role_views.get(intent.role), f"role {intent.role} {problem}")
