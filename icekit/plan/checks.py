"""The guardrail findings of a plan: the rules (icekit.rules) over its resources, with the settings and
suppressions the plan carries (no file is read again).

A large plan on several cores is evaluated in two processes: a child forked from this one (icekit.plan.fork)
runs the stack rules and the resource rules on the last part of the resources, this process the resource
rules on the first part. A resource rule's findings on a resource depend on that resource and the context
alone, so the parts' findings, sorted together, are the findings of one evaluation (tests/plan/
test_parallel_rules.py compares them).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from icekit.plan.collector import collector_policy
from icekit.plan.model import PlanResult
from icekit.rules import Finding, evaluate
from icekit.rules.base import ResourceRule
from icekit.rules.declared import declared_access
from icekit.rules.finding import finding_sort_key
from icekit.rules.registry import RULES
from icekit.rules.view import ResourceView, views_from_plan_resources

__all__ = ["PARALLEL_RULES_ABOVE", "SHARE_CHECKED_HERE", "blocking", "evaluate_plan", "rule_processes"]

# More resources than this, and several cores: two processes. At 1,000 apps (7,002 resources) the rules
# took 0.58 s in one; the bundled stacks (24-30 resources) are not worth a fork.
PARALLEL_RULES_ABOVE = 2_000

# The share of the resources whose resource rules run here; the child also runs the stack rules (at 1,000
# apps the resource rules were 0.36 s, the stack rules 0.22 s, RAM108 most of it: 0.8 evens them out).
SHARE_CHECKED_HERE = 0.8

_RESOURCE_RULES = tuple(rule for rule in RULES if issubclass(rule, ResourceRule))


def rule_processes(resources: int) -> int:
    """2 for a large plan on a machine with several cores and no other thread (a fork copies none), else 1."""
    from icekit.plan.fork import fork_cores

    return 2 if resources > PARALLEL_RULES_ABOVE and fork_cores() >= 2 else 1


def evaluate_plan(plan: PlanResult, processes: int | None = None) -> list[Finding]:
    """All findings, suppressed ones included (flagged), in the rules' stable order. `processes`: 1 or 2
    (default rule_processes)."""
    # the offline placeholder account (accountIdOffline) says nothing about which principals are foreign
    account = None if plan.accountIdOffline else plan.accountId
    # The rules keep what they prove for the evaluation (icekit.rules.memo): many long-lived objects, as
    # a plan makes; under the plan's collector policy the older generations' passes do not walk the plan.
    with collector_policy():
        views = views_from_plan_resources([resource.model_dump(mode="json") for resource in plan.resources])
        run = functools.partial(
            evaluate,
            views,
            stack=plan.stack,
            region=plan.region,
            environment=plan.environment,
            settings=plan.guardrails,
            suppressions=plan.suppressions,
            account_id=account,
            declared_access=declared_access(plan),
        )
        count = rule_processes(len(views)) if processes is None else processes
        return _in_two_processes(run, views) if count > 1 else run()


def _in_two_processes(run: Callable[..., list[Finding]], views: Sequence[ResourceView]) -> list[Finding]:
    from icekit.plan.fork import abandon, child_result, start_child

    cut = int(len(views) * SHARE_CHECKED_HERE)
    child = start_child(functools.partial(run, checked=views[cut:]), "the rules on the plan's last resources")
    try:
        here = run(rules=_RESOURCE_RULES, checked=views[:cut])
        there: list[Finding] = child_result(child)
    finally:
        abandon(child)
    return sorted([*here, *there], key=finding_sort_key)


def blocking(findings: list[Finding]) -> list[Finding]:
    """The findings that fail the plan (exit 1): mandatory and not suppressed."""
    return [finding for finding in findings if finding.blocking]
