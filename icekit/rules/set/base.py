"""What a stack-set rule sees of each stack, and the rule base: metadata as class attributes, pure `check`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Literal, NamedTuple

from icekit.facts.rule_ids import StackSetRuleId
from icekit.rules.base import Rule
from icekit.rules.view import ResourceView
from icekit.stack.guardrails import GuardrailSettings, Suppression

__all__ = ["SetViolation", "StackMember", "StackSetRule", "shares_account", "where"]


@dataclass(frozen=True)
class StackMember:
    """One stack of the set: where it is declared, which account and region it deploys to, its resources."""

    stack: str
    stack_file: str
    account_id: str | None  # None: not declared (the offline placeholder), so never known to be shared
    region: str
    resources: Sequence[ResourceView]
    settings: GuardrailSettings = field(default_factory=GuardrailSettings)
    suppressions: Sequence[Suppression] = ()


class SetViolation(NamedTuple):
    """A finding for `member` (each stack involved gets its own, naming the other declaration)."""

    member: StackMember
    resource: ResourceView
    declaration_path: str
    message: str


class StackSetRule(Rule):
    """A rule about stacks among others: its findings concern two different stacks (a stack given twice is
    one), so a set of fewer is not evaluated (icekit.plan.stack_set)."""

    id: ClassVar[StackSetRuleId]  # type: ignore[assignment]
    scope: ClassVar[Literal["stack-set"]] = "stack-set"  # type: ignore[assignment]

    @classmethod
    def check(cls, members: Sequence[StackMember]) -> Iterator[SetViolation]:
        raise NotImplementedError


def where(member: StackMember, key_path: str) -> str:
    """How a message names a declaration: `stack dev (stacks/Pulumi.dev.yaml: icekit:apps[0])`."""
    return f"stack {member.stack} ({member.stack_file}: {key_path})"


def shares_account(first: StackMember, second: StackMember) -> bool:
    """Two different stacks (a stack given twice is one) deploying to one known account."""
    return (
        first.stack != second.stack and first.account_id is not None and first.account_id == second.account_id
    )
