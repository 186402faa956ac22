"""Where the time and memory of `icekit plan` / `icekit check` go, and what `validate` / `render` import.

Every measurement is a fresh process running the CLI in-process as the console script does (icekit.console:
`icekit.cli.main(..., ends_process=True)`, the collector off while starting), so imports count:
  cprofile    cProfile of the whole command: the functions with the most own and cumulative
              time, own time per area (top-level package, or icekit/components subpackage), time under
              import machinery;
  gc          wall and CPU time of the command without a profiler, and the share of the CPU time spent in
              the cyclic collector (gc.callbacks), collections per generation;
  memory      tracemalloc's peak (Python allocations) and the peak resident set (ru_maxrss);
  importtime  `python -X importtime` of `icekit validate file-info -` and `icekit render --outputs FILE`
              (the command lines of bench/cold_start.py), against `python -c "import pydantic, jinja2"`,
              interleaved runs: the median total, and the heaviest top-level imports of the run nearest
              the median.
Stacks are prod scaled to N apps (bench/scaled_stack.py); the output is text, for a person.

    .venv/bin/python bench/profile_cli.py [--plan-apps 20,200,1000] [--check-apps 1000] [--top 25]
                                          [--import-reps 7]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path
from typing import Any

from cold_start import BASELINE, Command, client_commands
from scaled_stack import scaled_stack_document, write_stack_project

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "stacks" / "Pulumi.prod.yaml"
SITE = re.compile(r"/site-packages/([^/]+)")
OWN = re.compile(r"/(icekit|components)/(?:([^/]+)/)?")


def run_cli(argv: list[str]) -> int:
    """The command as the console script runs it (icekit.console): the collector off until the verb's
    module is imported, and the verbs told that the process ends with the command."""
    gc.disable()
    from icekit.cli import main

    sys.argv = ["icekit", *argv]
    try:
        main(argv, ends_process=True)
    except SystemExit as done:
        return int(done.code or 0)
    return 0


def area(filename: str) -> str:
    """The part of the code a function belongs to: a site package, an icekit subpackage, or the stdlib."""
    own = OWN.search(filename)
    if own and "/site-packages/" not in filename:
        sub = own.group(2)
        return f"{own.group(1)}.{sub}" if sub and not sub.endswith(".py") else own.group(1)
    site = SITE.search(filename)
    if site:
        return site.group(1).split(".")[0].removesuffix("-stubs")
    if filename.startswith("<frozen importlib"):
        return "import machinery"
    if filename == "~":
        return "C functions (builtins: compile, marshal, fsync, ...)"
    return "stdlib"


def child_cprofile(argv: list[str], top: int) -> dict[str, Any]:
    # The default (wall-clock) timer: a CPU-time timer is a system call per event, which made the profile
    # 8x slower than the command and inflated the share of small, often-called functions. On a loaded
    # machine the other processes' turns fall on whatever was running, in proportion: read shares.
    profiler = cProfile.Profile()
    start = time.perf_counter()
    code = profiler.runcall(run_cli, argv)
    wall = time.perf_counter() - start
    stats = pstats.Stats(profiler, stream=io.StringIO())
    entries = stats.stats  # type: ignore[attr-defined]
    by_area: dict[str, float] = defaultdict(float)
    imports = 0.0
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in entries.items():
        by_area[area(filename)] += own
        if name == "_find_and_load" and "importlib" in filename:
            imports = max(imports, cumulative)
        rows.append((own, cumulative, calls, f"{_short(filename)}:{line}:{name}"))
    return {
        "code": code,
        "wall": wall,
        "imports": imports,
        "areas": sorted(by_area.items(), key=lambda item: -item[1])[:top],
        "own": sorted(rows, key=lambda row: -row[0])[:top],
        "cumulative": sorted(rows, key=lambda row: -row[1])[:top],
    }


def _short(filename: str) -> str:
    for marker in ("/site-packages/", str(ROOT) + "/", "/lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def child_gc(argv: list[str]) -> dict[str, Any]:
    spent = [0.0, 0.0, 0.0]
    counts = [0, 0, 0]
    started: list[float] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(time.process_time())
        elif started:
            generation = info["generation"]
            spent[generation] += time.process_time() - started.pop()
            counts[generation] += 1

    gc.callbacks.append(watch)
    start, start_cpu = time.perf_counter(), time.process_time()
    code = run_cli(argv)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    gc.callbacks.remove(watch)
    return {"code": code, "wall": wall, "cpu": cpu, "gc": spent, "collections": counts}


def child_memory(argv: list[str]) -> dict[str, Any]:
    tracemalloc.start()
    code = run_cli(argv)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"code": code, "traced_peak": peak, "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def in_child(mode: str, argv: list[str], top: int) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its result comes back as JSON on a file."""
    with tempfile.NamedTemporaryFile(suffix=".json") as result:
        command = [sys.executable, __file__, "--child", mode, "--dump", result.name, "--top", str(top)]
        done = subprocess.run(
            [*command, "--", *argv], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        if done.returncode != 0:
            raise SystemExit(f"{mode} {argv} failed: {done.stderr.strip()[-2000:]}")
        loaded: dict[str, Any] = json.loads(Path(result.name).read_text(encoding="utf-8"))
        return loaded


def importtime(argv: list[str], stdin: str = "") -> tuple[float, list[tuple[float, str]], int]:
    """(total seconds, heaviest top-level imports (cumulative s, name), modules) of one fresh process."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], cwd=ROOT, input=stdin, capture_output=True, text=True
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"{argv} failed: {done.stderr.strip()[-2000:]}")
    total, modules, top_level = 0, 0, []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not match:
            continue
        own, cumulative, depth, name = int(match[1]), int(match[2]), len(match[3]), match[4]
        total += own
        modules += 1
        if depth == 1:  # imported by the command itself, not by another module
            top_level.append((cumulative / 1e6, name))
    return total / 1e6, sorted(top_level, reverse=True), modules


def scaled_project(workdir: Path, apps: int) -> tuple[Path, str]:
    project = workdir / f"p{apps}"
    write_stack_project(project, f"prod{apps}", scaled_stack_document(TEMPLATE, apps))
    return project, f"prod{apps}"


def report_command(title: str, argv: list[str], top: int) -> None:
    timed = in_child("gc", argv, top)
    memory = in_child("memory", argv, top)
    profile = in_child("cprofile", argv, top)
    gc_total = sum(timed["gc"])
    pairs = zip(timed["collections"], timed["gc"], strict=True)
    per_generation = ", ".join(f"{count} x {seconds:.2f} s" for count, seconds in pairs)
    print(f"\n=== {title} (exit {timed['code']})")
    print(
        f"unprofiled: wall {timed['wall']:.2f} s, CPU {timed['cpu']:.2f} s; cyclic GC {gc_total:.2f} s CPU = "
        f"{gc_total / timed['cpu']:.0%} (gen0/1/2: {per_generation})"
    )
    print(
        f"memory: tracemalloc peak {memory['traced_peak'] / 2**20:.1f} MiB, "
        f"peak RSS {memory['maxrss'] / 1024:.1f} MiB"
    )
    wall = profile["wall"]
    print(
        f"cProfile (wall clock) {wall:.2f} s; under import machinery {profile['imports']:.2f} s "
        f"= {profile['imports'] / wall:.0%}"
    )
    print("own time by area:")
    for name, seconds in profile["areas"]:
        print(f"  {seconds:7.3f} s {seconds / wall:5.1%}  {name}")
    for key, label in (("own", "own time"), ("cumulative", "cumulative time")):
        print(f"top functions by {label} (own s, cumulative s, calls):")
        for own, cumulative, calls, where in profile[key]:
            print(f"  {own:7.3f} {cumulative:7.3f} {calls:>9}  {where}")


def report_imports(workdir: Path, reps: int) -> None:
    commands = {BASELINE: Command(["-c", "import pydantic, jinja2"]), **client_commands(workdir)}
    print(f"\n=== python -X importtime: the modules' own import times summed; median of {reps} runs")
    runs: dict[str, list[tuple[float, list[tuple[float, str]], int]]] = {title: [] for title in commands}
    for rep in range(reps):
        titles = list(commands)
        for title in titles[rep % len(titles) :] + titles[: rep % len(titles)]:
            runs[title].append(importtime(commands[title].argv, commands[title].stdin))
    baseline = statistics.median(total for total, _, _ in runs[next(iter(commands))])
    for title, samples in runs.items():
        totals = sorted(total for total, _, _ in samples)
        median = statistics.median(totals)
        _, top_level, modules = min(samples, key=lambda sample: abs(sample[0] - median))
        heaviest = ", ".join(f"{name} {seconds * 1e3:.0f}" for seconds, name in top_level[:6])
        print(
            f"{title:40s} median {median * 1e3:5.0f} ms (min {totals[0] * 1e3:.0f}, "
            f"max {totals[-1] * 1e3:.0f}), {modules} modules, {median / baseline:.2f}x; ms: {heaviest}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--plan-apps", default="20,200,1000")
    parser.add_argument("--check-apps", default="1000")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--import-reps", type=int, default=7)
    parser.add_argument("--child", choices=["cprofile", "gc", "memory"], help=argparse.SUPPRESS)
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    parser.add_argument("argv", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        children = {
            "cprofile": lambda: child_cprofile(args.argv, args.top),
            "gc": lambda: child_gc(args.argv),
            "memory": lambda: child_memory(args.argv),
        }
        Path(args.dump).write_text(json.dumps(children[args.child]()), encoding="utf-8")
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="icekit-profile-") as tmp:
        workdir = Path(tmp)
        report_imports(workdir, args.import_reps)
        sizes = [("plan", int(n)) for n in args.plan_apps.split(",") if n]
        sizes += [("check", int(n)) for n in args.check_apps.split(",") if n]
        for verb, apps in sizes:
            project, stack = scaled_project(workdir / verb, apps)
            argv = [verb, stack, "--project-dir", str(project)]
            if verb == "plan":
                argv += ["--out", str(workdir / "out")]
            report_command(f"icekit {verb}, prod scaled to {apps} apps", argv, args.top)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
