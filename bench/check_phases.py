"""Where the wall time of `icekit check` of a large stack goes, phase by phase, and (with `--base REV`) how
each phase compares with icekit at another revision, in one sitting.

Each run is a fresh process that runs the command as that revision's console script does (icekit.console
where it exists: the collector off while starting; else icekit.cli.run), on prod scaled to N apps
(bench/scaled_stack.py), with a timestamp on stderr when the plan's functions start and end (wrapped by
name, so the modules they live in are imported before the command starts). Phases:
  before   start of the process to the start of the program's run (imports, the stack file, the declaration);
  plan     the program's run until the first shard ended (this process's or a forked child's);
  wait     from there until the last shard ended;
  result   to the end of run_plan (the merge, the PlanResult, the collector policy's end);
  rules    icekit.plan.checks.evaluate_plan;
  after    to the process's exit (the stack-set rules, the report, the output).
Runs of the two revisions alternate. It prints the median of each phase and, with --base, head/base.

    .venv/bin/python bench/check_phases.py [--apps 1000] [--repeat 8] [--base 52c066e]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from revision import CONSOLE_ENTRY, sources_at
from scaled_stack import scaled_stack_document, write_stack_project

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "stacks" / "Pulumi.prod.yaml"
PHASES = ("before", "plan", "wait", "result", "rules", "after", "total")

CHILD = """
import atexit, functools, gc, importlib, importlib.util, sys, time
T0 = time.perf_counter()
CONSOLE = importlib.util.find_spec("icekit.console") is not None
if CONSOLE:
    gc.disable()
def mark(what):
    sys.stderr.write(f"@@ {time.perf_counter() - T0:.4f} {what}\\n")
def wrap(module_name, name):
    module = importlib.import_module(module_name)
    inner = getattr(module, name)
    @functools.wraps(inner)
    def timed(*args, **kwargs):
        mark(f"> {name}")
        try:
            return inner(*args, **kwargs)
        finally:
            mark(f"< {name}")
    setattr(module, name, timed)
# looked up at call time by their callers (icekit.plan.stacks imports them as it runs)
for module_name, name in (("icekit.plan.engine", "run_plan"), ("icekit.plan.engine", "_run"),
                          ("icekit.plan.checks", "evaluate_plan")):
    wrap(module_name, name)
atexit.register(mark, "exit")
"""  # then revision.CONSOLE_ENTRY runs the command


def phases(stderr: str) -> dict[str, float]:
    marks = [(float(m[1]), m[2]) for m in re.finditer(r"^@@ ([\d.]+) (.+)$", stderr, re.MULTILINE)]
    runs = [t for t, what in marks if what == "< _run"]
    first = {what: t for t, what in reversed(marks)}
    last = {what: t for t, what in marks}
    start_run = first["> _run"]
    parent_end = min(runs)
    return {
        "before": start_run,
        "plan": parent_end - start_run,
        "wait": max(runs) - parent_end,
        "result": last["< run_plan"] - max(runs),
        "rules": last["< evaluate_plan"] - last["> evaluate_plan"],
        "after": last["exit"] - last["< evaluate_plan"],
        "total": last["exit"],
    }


def run_once(project: Path, stack: str, sources: Path | None) -> dict[str, float]:
    env = {**os.environ, **({"PYTHONPATH": str(sources)} if sources else {})}
    argv = [sys.executable, "-P", "-c", CHILD + CONSOLE_ENTRY, "check", stack, "--project-dir", str(project)]
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"icekit check failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return phases(done.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--base", help="also run icekit at this revision (its icekit and components)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="icekit-phases-") as tmp:
        workdir = Path(tmp)
        stack = f"prod{args.apps}"
        write_stack_project(workdir / "project", stack, scaled_stack_document(TEMPLATE, args.apps))
        sides: dict[str, Path | None] = {"head": None}
        if args.base:
            sides[f"@{args.base}"] = sources_at(args.base, workdir)
        found: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
        for sources in sides.values():  # untimed warm-up
            run_once(workdir / "project", stack, sources)
        for index in range(args.repeat):
            order = list(sides) if index % 2 == 0 else list(sides)[::-1]
            for side in order:
                found[side].append(run_once(workdir / "project", stack, sides[side]))
    print(f"icekit check of prod scaled to {args.apps} apps, n={args.repeat}, medians in seconds")
    print(f"  {'':14s}" + "".join(f"{phase:>9s}" for phase in PHASES))
    medians = {
        side: {p: statistics.median(run[p] for run in runs) for p in PHASES} for side, runs in found.items()
    }
    for side, values in medians.items():
        print(f"  {side:14s}" + "".join(f"{values[p]:9.3f}" for p in PHASES))
    if args.base:
        head, base = medians["head"], medians[f"@{args.base}"]
        ratios = "".join(f"{head[p] / base[p]:9.2f}" if base[p] > 0.005 else f"{'-':>9s}" for p in PHASES)
        print(f"  {'head/base':14s}" + ratios)


if __name__ == "__main__":
    main()
