"""The guardrail findings of a plan: the rules (icekit.rules) over its resources, with the settings and
suppressions the plan carries (no file is read again)."""

from __future__ import annotations

from icekit.plan.collector import collector_policy
from icekit.plan.model import PlanResult
from icekit.rules import Finding, evaluate
from icekit.rules.declared import declared_access
from icekit.rules.view import views_from_plan_resources

__all__ = ["blocking", "evaluate_plan"]


def evaluate_plan(plan: PlanResult) -> list[Finding]:
    """All findings, suppressed ones included (flagged), in the rules' stable order."""
    # the offline placeholder account (accountIdOffline) says nothing about which principals are foreign
    account = None if plan.accountIdOffline else plan.accountId
    # The rules keep what they prove for the evaluation (icekit.rules.memo): many long-lived objects, as
    # a plan makes; under the plan's collector policy the older generations' passes do not walk the plan.
    with collector_policy():
        return evaluate(
            views_from_plan_resources([resource.model_dump(mode="json") for resource in plan.resources]),
            stack=plan.stack,
            region=plan.region,
            environment=plan.environment,
            settings=plan.guardrails,
            suppressions=plan.suppressions,
            account_id=account,
            declared_access=declared_access(plan),
        )


def blocking(findings: list[Finding]) -> list[Finding]:
    """The findings that fail the plan (exit 1): mandatory and not suppressed."""
    return [finding for finding in findings if finding.blocking]
