"""Run rules over resource views: enforcement overrides, suppressions, deterministic order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from icekit.facts.rule_ids import id_matches
from icekit.rules.base import ResourceRule, StackRule, Violation
from icekit.rules.context import RuleContext
from icekit.rules.finding import Finding, finding_sort_key
from icekit.rules.registry import RULES, AnyRule
from icekit.rules.view import ResourceView
from icekit.stack.guardrails import GuardrailSettings, Suppression

if TYPE_CHECKING:
    from icekit.access.least_privilege import DeclaredAccess

__all__ = ["evaluate", "find_suppression", "run_rule"]


def find_suppression(
    rule_id: str, view: ResourceView | None, stack: str, suppressions: Sequence[Suppression]
) -> Suppression | None:
    """The first suppression (in declared order) for this rule and resource; stack-wide findings match the
    stack's name."""
    for suppression in suppressions:
        if not id_matches(suppression.rule, rule_id):
            continue
        if view is None:
            if suppression.resource == stack:
                return suppression
        elif suppression.resource in view.labels or suppression.resource == view.urn:
            return suppression
    return None


def _violations(
    rule: AnyRule,
    resources: Sequence[ResourceView],
    ctx: RuleContext,
    checked: Sequence[ResourceView] | None = None,
) -> Iterable[Violation]:
    if issubclass(rule, StackRule):
        yield from rule.check(resources, ctx)
        return
    assert issubclass(rule, ResourceRule)
    for view in resources if checked is None else checked:
        if rule.applies_to(view.type):
            for message in rule.check(view, ctx):
                yield Violation(view, message)


def run_rule(
    rule: AnyRule,
    resources: Sequence[ResourceView],
    ctx: RuleContext,
    suppressions: Sequence[Suppression] = (),
    checked: Sequence[ResourceView] | None = None,
) -> list[Finding]:
    """One rule's findings (unsorted); empty when the stack's settings disable the rule. `checked`: the
    resources a resource rule looks at (default: all); a stack rule always sees all `resources`."""
    level = ctx.settings.enforcement_for(rule.id, rule.enforcement)
    if level == "disabled":
        return []
    findings: list[Finding] = []
    for violation in _violations(rule, resources, ctx, checked):
        view = violation.resource
        suppression = find_suppression(rule.id, view, ctx.stack, suppressions)
        findings.append(
            Finding(
                ruleId=rule.id,
                title=rule.title,
                severity=rule.severity,
                enforcement=level,
                resourceUrn=view.urn if view else None,
                resourceType=view.type if view else None,
                resourceName=view.name if view else None,
                message=violation.message,
                declarationPath=view.declaration_path if view else None,
                suppressed=suppression is not None,
                suppressionReason=suppression.reason if suppression else None,
            )
        )
    return findings


def evaluate(
    resources: Sequence[ResourceView],
    *,
    stack: str,
    region: str,
    environment: str,
    settings: GuardrailSettings | None = None,
    suppressions: Sequence[Suppression] = (),
    account_id: str | None = None,
    rules: Sequence[AnyRule] = RULES,
    declared_access: tuple[DeclaredAccess, ...] | None = None,
    checked: Sequence[ResourceView] | None = None,
) -> list[Finding]:
    """All findings of `rules` over `resources`, suppressed ones included (flagged), in a stable order.
    `checked`: only the findings of resource rules on these resources (default: all `resources`), so that
    parts of one evaluation can run apart; a resource rule's findings on a resource depend on nothing else."""
    ctx = RuleContext(
        stack=stack,
        region=region,
        environment=environment,
        account_id=account_id,
        settings=settings or GuardrailSettings(),
        declared_access=declared_access,
    )
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(run_rule(rule, resources, ctx, suppressions, checked))
    return sorted(findings, key=finding_sort_key)
