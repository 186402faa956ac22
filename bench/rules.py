"""What do the guardrail rules cost on a big stack, and how does it grow with the number of apps?

For each size (default 20, 200 and 1,000 apps) this plans prod scaled to that size once per variant:
  cycled    prod's three apps cycled (bench/scaled_stack.py): apps alike but for their names and buckets,
            so many policy documents repeat (as in a stack whose apps follow a few templates);
  distinct  the same, each app with a network of its own: every policy document differs, the worst case
            for the rules' per-evaluation sharing;
  flawed    cycled, with every 7th policy granting `ice:*` and every 10th without `acs:SourceIp`, so that
            RAM101/RAM103/RAM106/RAM108 report and their messages are compared too.
Then it times `icekit.plan.checks.evaluate_plan` (every rule over every resource) on each plan, each run in
a fresh process (so no cache of an earlier run helps: the rules start as `icekit check` starts them), the
runs of all plans interleaved. It prints wall and CPU seconds (min/median/max), the CPU cost per app and the
findings' count. With `--before REV` it runs the same plans through the rules of git revision REV too
(bench/revision.py), prints after/before of the median CPU times, and whether both find the same findings
(ids, messages, order).

    .venv/bin/python bench/rules.py [--sizes 20,200,1000] [--repeat 5] [--before REV]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from revision import sources_at
from scaled_stack import scaled_stack_document, write_stack_project

from icekit.facts.type_tokens import RAM_POLICY
from icekit.plan import PlanResult, run_plan

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "stacks" / "Pulumi.prod.yaml"
VARIANTS = ("cycled", "distinct", "flawed")

# Runs in the child: time one cold evaluate_plan of the pickled plan; print times and the findings' digest.
CHILD = """
import hashlib, json, pickle, sys, time
import icekit
from icekit.plan.checks import evaluate_plan
plan = pickle.loads(open(sys.argv[1], "rb").read())
wall, cpu = time.perf_counter(), time.process_time()
findings = evaluate_plan(plan)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
text = "\\n".join(f"{f.ruleId} {f.resourceUrn} {f.message}" for f in findings)
digest = hashlib.sha256(text.encode()).hexdigest()
found = {"wall": wall, "cpu": cpu, "findings": len(findings), "digest": digest, "icekit": icekit.__file__}
print(json.dumps(found))
"""


def _distinct(document: dict[str, Any]) -> dict[str, Any]:
    """Each app with a /24 of its own (so no two apps' policy documents are alike)."""
    for index, app in enumerate(document["config"]["icekit:apps"]):
        conditions = dict(app.get("conditions") or {})
        conditions["sourceIp"] = [f"100.{64 + index // 256}.{index % 256}.0/24"]
        app["conditions"] = conditions
    return document


def _flawed(plan: PlanResult) -> PlanResult:
    """Every 7th policy also allows `ice:*` on `*`; every 10th loses its `acs:SourceIp` conditions."""
    resources = []
    policies = 0
    for resource in plan.resources:
        if resource.type == RAM_POLICY and isinstance(resource.inputs.get("policyDocument"), str):
            policies += 1
            document = json.loads(resource.inputs["policyDocument"])
            if policies % 7 == 0:
                document["Statement"].append({"Effect": "Allow", "Action": "ice:*", "Resource": "*"})
            if policies % 10 == 0:
                for statement in document["Statement"]:
                    statement.get("Condition", {}).pop("IpAddress", None)
            inputs = {**resource.inputs, "policyDocument": json.dumps(document)}
            resource = resource.model_copy(update={"inputs": inputs})
        resources.append(resource)
    return plan.model_copy(update={"resources": resources})


def _plans(sizes: list[int], directory: Path) -> dict[tuple[int, str], Path]:
    """Each size and variant planned once, pickled for the children."""
    paths = {}
    for apps in sizes:
        for variant in ("cycled", "distinct"):
            document = scaled_stack_document(TEMPLATE, apps)
            if variant == "distinct":
                document = _distinct(document)
            project = directory / f"{variant}{apps}"
            write_stack_project(project, "bench", document)
            plan = run_plan("bench", project)
            paths[(apps, variant)] = directory / f"{variant}{apps}.pickle"
            paths[(apps, variant)].write_bytes(pickle.dumps(plan))
            if variant == "cycled":
                paths[(apps, "flawed")] = directory / f"flawed{apps}.pickle"
                paths[(apps, "flawed")].write_bytes(pickle.dumps(_flawed(plan)))
    return paths


def _child(plan: Path, tree: Path | None) -> dict[str, Any]:
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(plan)],
        env=env,
        cwd=plan.parent,  # `-c` puts the working directory first on the path: not a source tree
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _stats(values: list[float]) -> str:
    return f"{min(values):6.3f} {statistics.median(values):6.3f} {max(values):6.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="20,200,1000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", help="a git revision whose rules to time on the same plans")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="icekit-rules-bench-") as tmp:
        directory = Path(tmp)
        plans = _plans(sizes, directory)
        sides: dict[str, Path | None] = {"after": None}
        if args.before:
            sides["before"] = sources_at(args.before, directory)
        runs: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
        for _ in range(args.repeat):  # interleaved: every plan and side once per round
            for (apps, variant), path in plans.items():
                for side, tree in sides.items():
                    runs.setdefault((side, apps, variant), []).append(_child(path, tree))
    for side in sides:
        print(f"{side}: icekit from {next(r for k, r in runs.items() if k[0] == side)[0]['icekit']}")
    _report(runs, sizes, list(sides))


def _report(
    runs: dict[tuple[str, int, str], list[dict[str, Any]]], sizes: list[int], sides: list[str]
) -> None:
    print(
        f"{'side':<7} {'apps':>5} {'variant':<9} {'wall s min/med/max':>20} {'cpu s min/med/max':>20} "
        f"{'cpu ms/app':>10} {'findings':>8}"
    )
    for (side, apps, variant), found in runs.items():
        cpu = [r["cpu"] for r in found]
        print(
            f"{side:<7} {apps:>5} {variant:<9} {_stats([r['wall'] for r in found]):>20} {_stats(cpu):>20} "
            f"{statistics.median(cpu) / apps * 1e3:>10.3f} {found[0]['findings']:>8}"
        )
    for variant in VARIANTS:
        per_app = [
            statistics.median(r["cpu"] for r in runs[("after", apps, variant)]) / apps for apps in sizes
        ]
        growth = per_app[-1] / per_app[0]
        print(f"after, {variant}: cpu per app at {sizes[-1]} / at {sizes[0]} apps: {growth:.2f}")
    if "before" not in sides:
        return
    for apps in sizes:
        for variant in VARIANTS:
            after, before = runs[("after", apps, variant)], runs[("before", apps, variant)]
            ratios = [a["cpu"] / b["cpu"] for a, b in zip(after, before, strict=True)]
            same = {r["digest"] for r in after} == {r["digest"] for r in before}
            medians = statistics.median(a["cpu"] for a in after) / statistics.median(b["cpu"] for b in before)
            print(
                f"{apps:>5} apps {variant:<9} after/before cpu (per round) min/med/max {_stats(ratios)}, "
                f"of medians {medians:.3f}; "
                f"same findings: {'yes' if same else 'NO'}"
            )


if __name__ == "__main__":
    main()
