"""A role's access at base against head: both sides decided by the evaluator on one domain (the domain of
both sides' documents together), then compared request by request.

Equal answers everywhere mean equal access, however the statements were rewritten: that is what makes a
split statement, reordered actions or a Deny that refused nothing the role was allowed neutral. What differs
is said as access (icekit.access.sentences) and handed to the review, which also asks which statement a
gained or lost request belongs to (`RoleComparison.touches`) to judge each statement row exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from icekit.access.answers import Answers, answer
from icekit.access.domain import Domain
from icekit.access.roles import RoleDocuments, roles_of_plan
from icekit.access.table import role_domains
from icekit.ram import EvaluationError, Statement
from icekit.ram.compiled import CompiledStatement
from icekit.ram.names import ASSUME_ROLE

if TYPE_CHECKING:
    from icekit.plan.model import PlanResult

__all__ = ["Direction", "RoleComparison", "compare_roles"]

Direction = Literal["gained", "lost"]
_Point = tuple[str, str, int]  # (action, resource, context)
_TrustPoint = tuple[int, int]  # (principal index, context)


def _points(answers: Answers) -> set[_Point]:
    return {(a, r, c) for (a, r), hits in answers.allowed.items() for c in hits}


def _trust_points(answers: Answers, domain: Domain) -> set[_TrustPoint]:
    index = {principal: i for i, principal in enumerate(domain.principals)}
    return {(index[p], c) for p, hits in answers.assumable.items() for c in hits}


@dataclass(frozen=True)
class RoleComparison:
    role: str
    app: str | None
    base: RoleDocuments | None
    head: RoleDocuments | None
    permission: Domain
    trust: Domain
    base_answers: Answers
    head_answers: Answers

    @property
    def policy_names(self) -> frozenset[str]:
        """The names of the policies attached at base or head."""
        return frozenset(d.name for side in (self.base, self.head) if side for d in side.policies)

    @cached_property
    def grants(self) -> dict[Direction, set[_Point]]:
        base, head = _points(self.base_answers), _points(self.head_answers)
        return {"gained": head - base, "lost": base - head}

    @cached_property
    def trusts(self) -> dict[Direction, set[_TrustPoint]]:
        base = _trust_points(self.base_answers, self.trust)
        head = _trust_points(self.head_answers, self.trust)
        return {"gained": head - base, "lost": base - head}

    def touches(self, statement: Statement, direction: Direction) -> bool | None:
        """Whether `statement` (of this role's documents) matches a request the role gained (or lost);
        None when the evaluator cannot read the statement."""
        try:
            compiled = CompiledStatement.of(0, statement)
        except EvaluationError:
            return None
        if statement.principals:
            return any(
                compiled.applies(self.trust.request(ASSUME_ROLE, "*", c, self.trust.principals[p]))
                for p, c in self.trusts[direction]
            )
        return any(compiled.applies(self.permission.request(a, r, c)) for a, r, c in self.grants[direction])


def _sides(plan: PlanResult | None) -> dict[str, RoleDocuments]:
    return {role.role: role for role in roles_of_plan(plan)} if plan is not None else {}


def _answers(role: RoleDocuments | None, permission: Domain, trust: Domain) -> Answers:
    if role is None:
        return Answers()
    return answer(role.policies, role.trust, permission, trust)


def compare_role(
    base: RoleDocuments | None, head: RoleDocuments | None, *, region: str, account: str
) -> RoleComparison:
    sides: Sequence[RoleDocuments] = [side for side in (base, head) if side is not None]
    permission, trust = role_domains(sides, region=region, account=account)
    return RoleComparison(
        role=sides[0].role,
        app=sides[-1].app,
        base=base,
        head=head,
        permission=permission,
        trust=trust,
        base_answers=_answers(base, permission, trust),
        head_answers=_answers(head, permission, trust),
    )


def compare_roles(base: PlanResult | None, head: PlanResult | None) -> list[RoleComparison]:
    """Every role at base or head, by name; the region and account of the head (else the base)."""
    before, after = _sides(base), _sides(head)
    where = head or base
    if where is None:
        return []
    return [
        compare_role(before.get(name), after.get(name), region=where.region, account=where.accountId)
        for name in sorted(set(before) | set(after))
    ]
