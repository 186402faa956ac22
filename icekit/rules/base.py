"""Rule base classes: metadata as class attributes, a pure `check` classmethod (cfn-lint style)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar, Literal, NamedTuple

from icekit.facts.rule_ids import RuleId
from icekit.rules.context import RuleContext
from icekit.rules.finding import Severity
from icekit.rules.view import ResourceView

__all__ = ["DefaultEnforcement", "ResourceRule", "Rule", "StackRule", "Violation"]

DefaultEnforcement = Literal["advisory", "mandatory"]


class Violation(NamedTuple):
    """A stack rule's verdict: the resource to blame (None: the stack as a whole) and what is wrong."""

    resource: ResourceView | None
    message: str


class Rule:
    id: ClassVar[RuleId]
    slug: ClassVar[str]  # kebab-case, e.g. `no-wildcard-action`; the CrossGuard policy name is `<id>-<slug>`
    title: ClassVar[str]
    severity: ClassVar[Severity]
    enforcement: ClassVar[DefaultEnforcement]
    rationale: ClassVar[str]
    fix: ClassVar[str]
    resource_types: ClassVar[tuple[str, ...]] = ()
    # Where a stack-wide finding (no resource) points in the stack file, e.g. `alicloud:region`.
    stack_key: ClassVar[str | None] = None
    scope: ClassVar[Literal["resource", "stack"]]

    @classmethod
    def policy_name(cls) -> str:
        return f"{cls.id.lower()}-{cls.slug}"

    @classmethod
    def applies_to(cls, resource_type: str) -> bool:
        return not cls.resource_types or resource_type in cls.resource_types


class ResourceRule(Rule):
    """Looks at one resource at a time; yields one message per problem."""

    scope = "resource"

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        raise NotImplementedError


class StackRule(Rule):
    """Looks at the whole stack (cross-resource checks, stack-level settings)."""

    scope = "stack"

    @classmethod
    def check(cls, views: Sequence[ResourceView], ctx: RuleContext) -> Iterator[Violation]:
        raise NotImplementedError
