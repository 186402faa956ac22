"""Is bytecode compiled when the environment is made, so a first `icekit plan prod` is as fast as the next?

Where Python may not write `.pyc` files (PYTHONDONTWRITEBYTECODE=1, read-only images, many CI containers) a
process compiles every module it imports that has no bytecode yet, every time. This times, interleaved, fresh
`icekit plan prod` processes with PYTHONDONTWRITEBYTECODE=1 in three states of the same environment:

  before   what `make env` left before it compiled anything: the interpreter's standard library compiled (as
           installed), the environment's packages and icekit's own sources not. Emulated with
           PYTHONPYCACHEPREFIX pointing at a directory that holds the standard library's bytecode only (the
           standard library's share of the "second" tree below), so Python finds no `.pyc` for anything
           else (the environment itself is not touched).
  make env the environment as `make env` leaves it (its own `__pycache__` directories).
  second   the best case: bytecode that Python itself wrote for every module `icekit plan prod` imports (an
           untimed run allowed to write, into a second PYTHONPYCACHEPREFIX), then read back.

It prints min/median/max per state and before/make-env and make-env/second of the medians (1.0 = the first
run is as fast as a second), and how many modules of the environment and of icekit have fresh bytecode.

    .venv/bin/python bench/bytecode.py [--reps 9] [--stack prod]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICEKIT = Path(sys.executable).with_name("icekit")  # the installed console script
PROJECT_SOURCES = ("icekit", "components")


def fresh_bytecode_share(files: Iterable[Path]) -> tuple[int, int]:
    """(files with a `.pyc` that matches the source's mtime and size, files): what the importer would use."""
    fresh = total = 0
    for source in files:
        total += 1
        cached = Path(importlib.util.cache_from_source(str(source)))
        try:
            header = cached.read_bytes()[:16]
            stat = source.stat()
        except OSError:
            continue
        flags = int.from_bytes(header[4:8], "little")
        mtime = int.from_bytes(header[8:12], "little")
        size = int.from_bytes(header[12:16], "little")
        if flags == 0 and mtime == int(stat.st_mtime) & 0xFFFFFFFF and size == stat.st_size & 0xFFFFFFFF:
            fresh += 1
    return fresh, total


def coverage_lines() -> list[str]:
    site_packages = Path(sysconfig.get_paths()["purelib"])
    own = [path for name in PROJECT_SOURCES for path in (ROOT / name).rglob("*.py")]
    lines = []
    for label, files in (("environment packages", site_packages.rglob("*.py")), ("icekit sources", own)):
        fresh, total = fresh_bytecode_share(files)
        lines.append(f"fresh bytecode, {label}: {fresh}/{total}")
    return lines


def stdlib_part(written: Path, prefix: Path) -> None:
    """Copy the standard library's share of a PYTHONPYCACHEPREFIX tree (`written`) to `prefix`: the modules
    `icekit plan` imports from it, compiled, as an installed interpreter ships them."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    shutil.copytree(written / stdlib.relative_to(stdlib.anchor), prefix / stdlib.relative_to(stdlib.anchor))


def run_plan(stack: str, out: Path, environment: dict[str, str]) -> float:
    argv = [str(ICEKIT), "plan", stack, "--out", str(out)]
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=environment, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def environments(workdir: Path, stack: str) -> dict[str, dict[str, str]]:
    """The three states; the untimed run that lets Python write every module's bytecode happens here."""
    unset = ("PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")
    base = {key: value for key, value in os.environ.items() if key not in unset}
    second_prefix, before_prefix = workdir / "written-by-python", workdir / "stdlib-only"
    run_plan(stack, workdir / "out", {**base, "PYTHONPYCACHEPREFIX": str(second_prefix)})
    stdlib_part(second_prefix, before_prefix)
    base["PYTHONDONTWRITEBYTECODE"] = "1"
    return {
        "before": {**base, "PYTHONPYCACHEPREFIX": str(before_prefix)},
        "make env": base,
        "second": {**base, "PYTHONPYCACHEPREFIX": str(second_prefix)},
    }


def spread(values: list[float]) -> str:
    return (
        f"min {min(values) * 1e3:7.0f}  median {statistics.median(values) * 1e3:7.0f}  "
        f"max {max(values) * 1e3:7.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--stack", default="prod")
    args = parser.parse_args()
    for line in coverage_lines():
        print(line)
    with tempfile.TemporaryDirectory(prefix="icekit-bytecode-") as tmp:
        workdir = Path(tmp)
        variants = environments(workdir, args.stack)
        out = workdir / "out"
        names = list(variants)
        times: dict[str, list[float]] = {name: [] for name in names}
        for rep in range(args.reps):
            shift = rep % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(run_plan(args.stack, out, variants[name]))
    print(f"icekit plan {args.stack}, fresh processes, PYTHONDONTWRITEBYTECODE=1, n={args.reps}")
    for name in names:
        print(f"  {name:9s} {spread(times[name])}")
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"before / make env: {medians['before'] / medians['make env']:.2f}x")
    print(f"make env / second: {medians['make env'] / medians['second']:.2f}x (1.00 = first run as fast)")


if __name__ == "__main__":
    main()
