"""Peak memory of `icekit plan`, per app: the plan's entry (apps registered in windows) against the deploy
entry (everything at once, as before the windows), on prod scaled to N apps, each in one process; and the
plan as `icekit plan` runs it (sharded above 50 apps on several cores: the largest process's peak).

Every measurement is a fresh process that imports the plan machinery and the program, then plans the stack
once (`icekit.plan.run_plan`, the same call `icekit plan` makes); its peak resident set comes from the
kernel (os.wait4). Per-app memory is the growth from the smallest size, divided by the apps added. The
order of the runs rotates between repetitions; it prints min/median/max per size and entry and the ratios
of the medians.

    .venv/bin/python bench/plan_memory.py [--sizes 1,200,1000] [--reps 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from scaled_stack import scaled_stack_document, write_stack_project

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "stacks" / "Pulumi.prod.yaml"
# components.program's two entries, each in one process; and `sharded`: run_plan's default (the plan entry,
# a large stack in shards on several cores, icekit.plan.shards), the peak being the largest process's
ENTRIES = {"plan": "plan_main", "deploy": "main", "sharded": "-"}
CHILD = """
import importlib, sys
from pathlib import Path
from icekit.plan import run_plan
from icekit.program import program_module
entry = sys.argv[3]
program = None if entry == "-" else getattr(importlib.import_module(program_module()), entry)
run_plan(sys.argv[2], Path(sys.argv[1]), program=program)
"""


def peak_mib(project: Path, stack: str, entry: str) -> float:
    """Peak resident memory (MiB) of one fresh process planning `stack` through `entry`."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(project), stack, entry], cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"planning {stack} through {entry} failed")
    return usage.ru_maxrss / 1024


def _spread(values: list[float]) -> str:
    return f"{min(values):6.1f} /{statistics.median(values):6.1f} /{max(values):6.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1,200,1000")
    parser.add_argument("--reps", type=int, default=3)
    options = parser.parse_args()
    sizes = sorted(int(size) for size in options.sizes.split(","))
    peaks: dict[tuple[int, str], list[float]] = {(n, e): [] for n in sizes for e in ENTRIES}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {}
        for size in sizes:
            projects[size] = Path(tmp) / f"p{size}"
            write_stack_project(projects[size], f"prod{size}", scaled_stack_document(TEMPLATE, size))
        runs = list(peaks)
        for rep in range(options.reps):
            shift = rep % len(runs)
            for size, entry in runs[shift:] + runs[:shift]:
                peaks[(size, entry)].append(peak_mib(projects[size], f"prod{size}", ENTRIES[entry]))
    median = {key: statistics.median(values) for key, values in peaks.items()}
    print(f"peak resident memory, MiB: min / median / max of {options.reps} fresh processes per cell")
    print(f"{'apps':>5} " + " ".join(f"{entry:>22}" for entry in ENTRIES) + f" {'plan/deploy':>12}")
    for size in sizes:
        cells = [
            f"{min(peaks[(size, e)]):6.1f} /{median[(size, e)]:6.1f} /{max(peaks[(size, e)]):6.1f}"
            for e in ENTRIES
        ]
        print(
            f"{size:>5} "
            + " ".join(f"{c:>22}" for c in cells)
            + f" {median[(size, 'plan')] / median[(size, 'deploy')]:12.2f}"
        )
    base = sizes[0]
    print(f"per-app growth from {base} app(s), KiB/app (medians):")
    for size in sizes[1:]:
        growth = {e: 1024 * (median[(size, e)] - median[(base, e)]) / (size - base) for e in ENTRIES}
        print(
            f"  {base:>4} -> {size:<4} plan {growth['plan']:7.1f}   deploy {growth['deploy']:7.1f}"
            f"   plan/deploy {growth['plan'] / growth['deploy']:5.2f}   sharded {growth['sharded']:7.1f}"
        )


if __name__ == "__main__":
    main()
