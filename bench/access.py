"""What does exact access cost against the plan itself?

For the bundled prod stack and a generated stack of N applications (prod's declarations, cycled), this
plans the stack (best of N runs), then times, each from cold caches (timing.cold: every functools cache of
icekit's modules is cleared before every run, so nothing is carried over):
  table   icekit.access.table.access_table: `icekit access STACK`, every role's whole table (trust and
          every ICE action, the upload path's OSS/MNS actions, every resource and context of its domain);
  review  icekit.access.diff.compare_roles(plan, plan): the review's comparison of every role, both sides
          decided on one domain (base = head here: the cost, not the diff);
  rules   icekit.rules.evaluate_plan: every guardrail, RAM108 and the evaluated RAM101/104/106 included;
  ram108  RAM108 alone.
It prints the times, each as a fraction of the plan, and the requests the table decided.

    .venv/bin/python bench/access.py [--repeat 5] [--apps 200]
"""

from __future__ import annotations

from pathlib import Path

from scaled_stack import prod_and_scaled
from timing import Column, best, cold, print_table, repeat_and_apps

from icekit.access.diff import compare_roles
from icekit.access.table import access_table
from icekit.plan import PlanResult, run_plan
from icekit.plan.checks import evaluate_plan
from icekit.rules import rule_by_id
from icekit.rules.context import RuleContext
from icekit.rules.declared import declared_access
from icekit.rules.engine import run_rule
from icekit.rules.view import views_from_plan_resources

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "stacks" / "Pulumi.prod.yaml"


def ram108(plan: PlanResult) -> int:
    ctx = RuleContext(
        stack=plan.stack,
        region=plan.region,
        environment=plan.environment,
        account_id=plan.accountId,
        declared_access=declared_access(plan),
    )
    views = views_from_plan_resources([resource.model_dump(mode="json") for resource in plan.resources])
    return len(run_rule(rule_by_id("RAM108"), views, ctx))


Row = tuple[str, int, float, float, float, float, float, int]


def measure(label: str, stack: str, repeat: int) -> Row:
    plan_s, plan = best(repeat, lambda: run_plan(stack, ROOT))
    table_s, table = best(repeat, cold(lambda: access_table(plan)))
    review_s, _ = best(repeat, cold(lambda: compare_roles(plan, plan)))
    rules_s, _ = best(repeat, cold(lambda: evaluate_plan(plan)))
    ram108_s, _ = best(repeat, cold(lambda: ram108(plan)))
    return label, len(table.roles), plan_s, table_s, review_s, rules_s, ram108_s, table.decisions


COLUMNS: tuple[Column, ...] = (
    ("stack", 10, ""),
    ("roles", 5, ""),
    ("plan ms", 9, ".1f"),
    ("table ms", 9, ".1f"),
    ("table/plan", 10, ".3f"),
    ("review ms", 9, ".1f"),
    ("review/plan", 11, ".3f"),
    ("rules ms", 9, ".1f"),
    ("rules/plan", 10, ".3f"),
    ("ram108 ms", 9, ".1f"),
    ("decisions", 9, ""),
)


def main() -> None:
    args = repeat_and_apps(__doc__)
    rows = prod_and_scaled(measure, TEMPLATE, args)
    print_table(
        COLUMNS,
        [
            (
                label,
                roles,
                plan_s * 1e3,
                table_s * 1e3,
                table_s / plan_s,
                review_s * 1e3,
                review_s / plan_s,
                rules_s * 1e3,
                rules_s / plan_s,
                ram108_s * 1e3,
                decisions,
            )
            for label, roles, plan_s, table_s, review_s, rules_s, ram108_s, decisions in rows
        ],
    )


if __name__ == "__main__":
    main()
