"""How long does the test command take at a given revision and in the working tree, side by side?

Checks the revision out into a temporary `git worktree` (removed at the end), gives it the working tree's
pinned uv and SARIF schema (so `make` fetches nothing), runs the command once on each side untimed (that
creates the revision's .venv from its own uv.lock and warms the ruff and mypy caches), then REPS rounds,
each running the command on both sides, the order alternating between rounds. A side that fails stops the
bench, and the end of its output is printed. It prints each run's wall time and the CPU time of its
process tree, per side the min/median/max, and head/base: the ratio of those statistics, and
min/median/max of the per-round ratios (which drift in the machine's load affects least).

    .venv/bin/python bench/test_suite.py [--base 855b9f7] [--reps 5] [--command "make test"] [-v]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASE = "855b9f7"  # main before the redesign of issue 9
# What `make` would otherwise download into a fresh checkout (see the Makefile).
SHARED_TOOLS = (Path(".tools/bin/uv"), Path(".tools/sarif/sarif-2.1.0-rtm.5.json"))
_FAILURE_LINES = 40  # of a failing run's output, printed before the bench stops


@dataclass
class Side:
    name: str
    directory: Path
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@contextlib.contextmanager
def revision_worktree(revision: str) -> Iterator[Path]:
    """A detached checkout of `revision` with the working tree's tools; removed afterwards."""
    parent = Path(tempfile.mkdtemp(prefix="icekit-bench-"))
    tree = parent / "base"
    _git("worktree", "add", "--detach", str(tree), revision)
    try:
        for relative in SHARED_TOOLS:
            if (ROOT / relative).is_file():
                (tree / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / relative, tree / relative)
        yield tree
    finally:
        _git("worktree", "remove", "--force", str(tree))
        shutil.rmtree(parent, ignore_errors=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(command: Sequence[str], side: Side, *, verbose: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `command` in the side's directory."""
    environment = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as log:
        output = None if verbose else log
        cpu_before, start = _children_cpu(), time.perf_counter()
        done = subprocess.run(
            command, cwd=side.directory, env=environment, stdout=output, stderr=subprocess.STDOUT, check=False
        )
        wall, cpu = time.perf_counter() - start, _children_cpu() - cpu_before
        if done.returncode != 0:
            log.seek(0)
            tail = "".join(log.readlines()[-_FAILURE_LINES:])
            sys.exit(f"{tail}\n{side.name}: `{shlex.join(command)}` exited {done.returncode} (output above)")
    return wall, cpu


def _spread(values: Sequence[float]) -> str:
    return f"min {min(values):6.2f}  median {statistics.median(values):6.2f}  max {max(values):6.2f}"


def report(base: Side, head: Side) -> None:
    print()
    for side in (base, head):
        print(f"{side.name:>5} wall s: {_spread(side.wall)}   cpu s: {_spread(side.cpu)}")
    for label, statistic in (("min", min), ("median", statistics.median), ("max", max)):
        wall = statistic(head.wall) / statistic(base.wall)
        cpu = statistic(head.cpu) / statistic(base.cpu)
        print(f"head/base of the {label:<6}: wall {wall:5.2f}   cpu {cpu:5.2f}")
    rounds = [h / b for h, b in zip(head.wall, base.wall, strict=True)]
    print(f"head/base per round (wall): {_spread(rounds)}")


def bench(command: Sequence[str], revision: str, reps: int, *, verbose: bool) -> None:
    commit = _git("rev-parse", "--short", revision)
    print(f"`{shlex.join(command)}`: base {revision} ({commit}) against the working tree {ROOT}")
    with revision_worktree(revision) as tree:
        base, head = Side("base", tree), Side("head", ROOT)
        for side in (base, head):
            print(f"warm-up {side.name} ...", flush=True)
            run_once(command, side, verbose=verbose)
        for round_number in range(reps):
            order = (base, head) if round_number % 2 == 0 else (head, base)
            for side in order:
                wall, cpu = run_once(command, side, verbose=verbose)
                side.wall.append(wall)
                side.cpu.append(cpu)
                line = f"round {round_number + 1}: {side.name:>4} wall {wall:6.2f} s  cpu {cpu:6.2f} s"
                print(line, flush=True)
        report(base, head)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--base", default=DEFAULT_BASE, help="the revision to compare (default: %(default)s)")
    parser.add_argument("--reps", type=int, default=5, help="timed rounds (default: %(default)s)")
    parser.add_argument("--command", default="make test", help="the test command (default: %(default)s)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the command's output")
    args = parser.parse_args()
    bench(shlex.split(args.command), args.base, args.reps, verbose=args.verbose)


if __name__ == "__main__":
    main()
