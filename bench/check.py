"""What does `icekit check` cost, and how does it grow?

In one run, for each bundled stack and for a generated stack with 200 applications (prod's declarations,
cycled; prod turns on every rule), this measures (best of N runs; the rules and the check each from cold
caches, timing.cold, as a fresh `icekit check` starts):
  plan    icekit.plan.run_plan: the offline Pulumi program on the mock runtime (what check runs first);
  rules   icekit.plan.checks.evaluate_plan on that plan: every rule over every resource;
  check   icekit.check.check_plan + the SARIF formatter: rules, stack-file locations, one report.
It prints the times, rules/plan and check/plan, and the rules' cost per resource, so a 200-app stack can be
compared with the bundled ones (linear growth keeps the per-resource cost about the same).

    .venv/bin/python bench/check.py [--repeat 5] [--apps 200]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from scaled_stack import generated_stack
from timing import Column, best, cold, print_table, repeat_and_apps

from icekit.check import check_plan
from icekit.plan import run_plan
from icekit.plan.checks import evaluate_plan
from icekit.report.sarif import render_sarif

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "stacks" / "Pulumi.prod.yaml"


def measure(label: str, stack: str, repeat: int) -> tuple[str, int, float, float, float, int]:
    plan_s, plan = best(repeat, lambda: run_plan(stack, ROOT))
    rules_s, findings = best(repeat, cold(lambda: evaluate_plan(plan)))
    check_s, _ = best(repeat, cold(lambda: render_sarif(check_plan(plan))))
    return label, len(plan.resources), plan_s, rules_s, check_s, len(findings)


COLUMNS: tuple[Column, ...] = (
    ("stack", 10, ""),
    ("resources", 9, ""),
    ("plan ms", 9, ".1f"),
    ("rules ms", 9, ".2f"),
    ("check ms", 9, ".2f"),
    ("rules/plan", 10, ".4f"),
    ("check/plan", 10, ".4f"),
    ("rules us/res", 12, ".1f"),
    ("findings", 8, ""),
)


def main() -> None:
    args = repeat_and_apps(__doc__)

    rows = [measure(stack, stack, args.repeat) for stack in ("dev", "staging", "prod")]
    with tempfile.TemporaryDirectory() as tmp:
        path = generated_stack(TEMPLATE, Path(tmp), args.apps)
        rows.append(measure(f"{args.apps} apps", str(path), max(1, args.repeat // 2)))

    print_table(
        COLUMNS,
        [
            (
                label,
                resources,
                plan_s * 1e3,
                rules_s * 1e3,
                check_s * 1e3,
                rules_s / plan_s,
                check_s / plan_s,
                rules_s / resources * 1e6,
                findings,
            )
            for label, resources, plan_s, rules_s, check_s, findings in rows
        ],
    )
    small = rows[2]  # prod: the same declarations, fewer of them
    large = rows[-1]
    per_small = small[3] / small[1]
    per_large = large[3] / large[1]
    print(f"rules cost per resource, {large[0]} / prod: {per_large / per_small:.2f} (1.0 = linear)")


if __name__ == "__main__":
    main()
