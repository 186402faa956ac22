"""Run the stack-set rules: per member, its findings with its own enforcement overrides and suppressions."""

from __future__ import annotations

from collections.abc import Sequence

from icekit.rules.engine import find_suppression
from icekit.rules.finding import Finding, finding_sort_key
from icekit.rules.set.base import StackMember, StackSetRule
from icekit.rules.set.registry import STACK_SET_RULES

__all__ = ["evaluate_stack_set"]


def evaluate_stack_set(
    members: Sequence[StackMember], rules: Sequence[type[StackSetRule]] = STACK_SET_RULES
) -> dict[str, list[Finding]]:
    """stack -> its stack-set findings (suppressed ones included, flagged), in a stable order."""
    found: dict[str, list[Finding]] = {member.stack: [] for member in members}
    for rule in rules:
        for violation in rule.check(members):
            member = violation.member
            level = member.settings.enforcement_for(rule.id, rule.enforcement)
            if level == "disabled":
                continue
            view = violation.resource
            # by the resource, or by the stack's name: the finding is about the stack among others
            suppression = find_suppression(
                rule.id, view, member.stack, member.suppressions
            ) or find_suppression(rule.id, None, member.stack, member.suppressions)
            found[member.stack].append(
                Finding(
                    ruleId=rule.id,
                    title=rule.title,
                    severity=rule.severity,
                    enforcement=level,
                    resourceUrn=view.urn,
                    resourceType=view.type,
                    resourceName=view.name,
                    message=violation.message,
                    declarationPath=violation.declaration_path or None,
                    suppressed=suppression is not None,
                    suppressionReason=suppression.reason if suppression else None,
                )
            )
    return {stack: sorted(findings, key=finding_sort_key) for stack, findings in found.items()}
