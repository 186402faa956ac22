"""What does deciding a stack's whole access table with the RAM evaluator cost, against the plan itself?

For the bundled prod stack and a generated stack of N applications (prod's declarations, cycled), this
plans the stack once (timed, best of N runs), then for every role decides its whole access table
(icekit.ram.evaluate), timed the same way, each run from cold caches (timing.cold: no cache of an earlier
run helps):
  compile  every role's trust policy and attached policies, once (icekit.ram.compile_policy);
  table    every known ICE action (icekit/data/ice_ram_actions.json) and the OSS/MNS actions an upload path
           uses (icekit.access.domain.UPLOAD_PATH_ACTIONS); an action some statement names is decided from
           inside and outside the declared networks, with and without HTTPS, on each resource the role's
           policies name; an action none names is one implicit deny; and sts:AssumeRole for each trusted
           principal and for a stranger;
  sweep    the same with every action under every context (the cost per decision, without shortcuts).
It prints the times, (compile+table)/plan, and microseconds per decision of the sweep. This is the
evaluator's raw cost on a fixed sample of contexts; bench/access.py times `icekit access` itself (its exact
domain), the review's comparison and the rules.

    .venv/bin/python bench/evaluate.py [--repeat 5] [--apps 200]
"""

from __future__ import annotations

from pathlib import Path

from scaled_stack import prod_and_scaled
from timing import Column, best, cold, print_table, repeat_and_apps

from icekit.access.answers import compiled
from icekit.access.domain import UPLOAD_PATH_ACTIONS
from icekit.access.roles import roles_of_plan
from icekit.access.table import documents
from icekit.plan import PlanResult, run_plan
from icekit.ram import CompiledPolicy, Principal, Request, compile_policy, evaluate
from icekit.ram.ice_actions import ice_actions
from icekit.ram.names import ASSUME_ROLE

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "stacks" / "Pulumi.prod.yaml"
SOURCES = ("47.106.10.7", "10.40.1.2", "203.0.113.9", "2001:db8::1")
STRANGER = Principal("RAM", "acs:ram::999999999:role/stranger")

Role = tuple[str, list[CompiledPolicy], CompiledPolicy, list[Principal], list[str]]


def roles(plan: PlanResult) -> list[Role]:
    """(role, its compiled permission policies, its compiled trust policy, trusted principals, resources),
    the roles and documents as icekit access reads them (icekit.access.roles)."""
    found = []
    for role in roles_of_plan(plan):
        if role.trust is None or role.trust.document is None:
            continue
        trust = role.trust.document
        permission, _ = compiled(role.policies)
        principals = [p for s in trust.statements for p in s.principals]
        resources = sorted({r for d in documents(role.policies) for s in d.statements for r in s.resources})
        found.append(
            (
                role.role,
                permission,
                compile_policy(trust, name=f"trust of {role.role}"),
                principals,
                resources,
            )
        )
    return found


def _requests(action: str, resources: list[str]) -> list[Request]:
    return [
        Request.of(action, resource=resource, source_ip=source, secure_transport=secure)
        for resource in resources
        for source in SOURCES
        for secure in (True, False)
    ]


def access_table(table: list[Role], *, sweep: bool) -> int:
    """Decide every row of every role's table; the count of decisions.

    sweep: every action under every context. Otherwise the way an access table is built: an action that no
    statement of the role names is denied under every context, which one decision shows; only actions some
    statement names are decided under each context.
    """
    decisions = 0
    actions = sorted(ice_actions()) + list(UPLOAD_PATH_ACTIONS)
    for _, permission, trust, principals, resources in table:
        for action in actions:
            named = any(any(policy.for_action(action)) for policy in permission)
            for request in _requests(action, resources) if sweep or named else [Request.of(action)]:
                evaluate(permission, request)
                decisions += 1
        for principal in [*principals, STRANGER]:
            evaluate([trust], Request.of(ASSUME_ROLE, principal=principal, source_ip=SOURCES[0]))
            decisions += 1
    return decisions


Row = tuple[str, int, float, float, float, int, float, int]


def measure(label: str, stack: str, repeat: int) -> Row:
    plan_s, plan = best(repeat, lambda: run_plan(stack, ROOT))
    compile_s, table = best(repeat, cold(lambda: roles(plan)))
    table_s, decisions = best(repeat, cold(lambda: access_table(table, sweep=False)))
    sweep_s, swept = best(repeat, cold(lambda: access_table(table, sweep=True)))
    return label, len(table), plan_s, compile_s, table_s, decisions, sweep_s, swept


COLUMNS: tuple[Column, ...] = (
    ("stack", 10, ""),
    ("roles", 5, ""),
    ("plan ms", 9, ".1f"),
    ("compile ms", 10, ".2f"),
    ("table ms", 9, ".1f"),
    ("decisions", 9, ""),
    ("(compile+table)/plan", 20, ".3f"),
    ("sweep ms", 9, ".1f"),
    ("decisions", 9, ""),
    ("us/decision", 11, ".2f"),
)


def main() -> None:
    args = repeat_and_apps(__doc__)
    rows = prod_and_scaled(measure, TEMPLATE, args)
    print_table(
        COLUMNS,
        [
            (
                label,
                count,
                plan_s * 1e3,
                compile_s * 1e3,
                table_s * 1e3,
                decisions,
                (compile_s + table_s) / plan_s,
                sweep_s * 1e3,
                swept,
                sweep_s / swept * 1e6,
            )
            for label, count, plan_s, compile_s, table_s, decisions, sweep_s, swept in rows
        ],
    )


if __name__ == "__main__":
    main()
