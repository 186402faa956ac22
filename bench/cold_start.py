"""Cold start of the upload clients' verbs, `icekit validate` and `icekit render`, against a bare
`python -c "import pydantic, jinja2"`, measured in one sitting.

Each round starts every command as a fresh process, rotating which goes first so that none profits from a
warmer cache, after one untimed warm-up run each; icekit's bytecode and its templates' are compiled first,
as `make env` does (where Python may not write bytecode, changed sources would be compiled again by every
run). The render command renders the outputs of the bundled prod stack (`icekit plan prod --format json`,
made once before the timing) into a fresh directory. With `--base REV` the two verbs also run on icekit's
sources at that revision (`git archive`, bytecode compiled, put first on PYTHONPATH; the same environment),
interleaved with the rest: before and after in the same sitting. The script prints min/median/max per
command and its ratio of medians to the baseline (the goal: at most 1.3), by the wall clock and by the
process's CPU time (user + system), which other load on the machine disturbs less.

`import pydantic` alone is lazy (it loads none of the model machinery); the last three commands, for
reference only, are floors, started as icekit's console script starts (the collector off while importing,
icekit.console): what any click CLI validating one pydantic model pays, without and with jinja2, and
pydantic's model machinery with jinja2 and nothing else (no click, no model built).

    .venv/bin/python bench/cold_start.py [--repeat 15] [--base 43380f0]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from revision import CONSOLE_ENTRY, sources_at

__all__ = ["BASELINE", "FILE_INFO", "ICEKIT", "Command", "client_commands", "stack_outputs_file"]

ROOT = Path(__file__).resolve().parents[1]
ICEKIT = str(Path(sys.executable).with_name("icekit"))  # the installed console script
FILE_INFO = '{"Type":"video","Name":"test","Size":108078336,"Ext":"mp4"}'
BASELINE = 'python -c "import pydantic, jinja2"'
_ONE_MODEL = "from pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)"
# Started as icekit's console script starts (icekit.console): the collector off while importing.
_AS_ICEKIT_STARTS = "import gc\ngc.disable()\n"
# For reference only: what any click CLI that validates one pydantic model pays (validate's floor), and the
# same with jinja2 imported (render's); and pydantic's model machinery with jinja2 alone (no click, no model
# built), which `import pydantic` defers.
FLOORS = {
    "click + one pydantic model": f"{_AS_ICEKIT_STARTS}import click\n{_ONE_MODEL}",
    "click + jinja2 + one pydantic model": f"{_AS_ICEKIT_STARTS}import click, jinja2\n{_ONE_MODEL}",
    "pydantic.main + jinja2 (no model)": f"{_AS_ICEKIT_STARTS}import pydantic.main, jinja2",
}


@dataclass(frozen=True)
class Command:
    argv: list[str]  # after the interpreter
    stdin: str = ""
    env: dict[str, str] = field(default_factory=dict)  # added to this process's environment


def stack_outputs_file(workdir: Path, stack: str = "prod") -> Path:
    """The stack's outputs as `pulumi stack output --json` would print them, from an offline plan."""
    plan = subprocess.run(
        [ICEKIT, "plan", stack, "--format", "json", "--out", str(workdir / "plan-out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    outputs = workdir / "outputs.json"
    outputs.write_text(json.dumps(json.loads(plan.stdout)["outputs"]), encoding="utf-8")
    return outputs


def client_commands(workdir: Path, *, sources: Path | None = None, label: str = "") -> dict[str, Command]:
    """The two verbs as a user runs them (the console script); with `sources`, on the icekit found there."""
    outputs = workdir / "outputs.json"
    if not outputs.exists():
        stack_outputs_file(workdir)
    env = {"PYTHONPATH": str(sources)} if sources else {}
    # -P: `-c` would put the working directory (this checkout, whose icekit is the one under test) first
    entry = ["-P", "-c", CONSOLE_ENTRY] if sources else [ICEKIT]
    out = workdir / f"rendered{label.replace(' ', '-')}"
    return {
        f"icekit validate file-info -{label}": Command(
            [*entry, "validate", "file-info", "-"], FILE_INFO, env
        ),
        f"icekit render --outputs FILE --out DIR{label}": Command(
            [*entry, "render", "--outputs", str(outputs), "--out", str(out)], "", env
        ),
    }


def _run_once(command: Command) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one fresh process."""
    env = {**os.environ, **command.env}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *command.argv], input=command.stdin, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{command.argv} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def interleaved(commands: dict[str, Command], repeat: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds per run of each command: one untimed warm-up each, then `repeat` rotated rounds."""
    names = list(commands)
    for name in names:
        _run_once(commands[name])
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for round_index in range(repeat):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            timings[name].append(_run_once(commands[name]))
    return timings


def report(timings: dict[str, list[tuple[float, float]]]) -> None:
    """min/median/max per command and its ratio of medians to the baseline, by wall clock and CPU time."""
    for index, clock in enumerate(("wall", "CPU")):
        print(f"{clock} time, ms:")
        medians = {name: statistics.median(run[index] for run in runs) for name, runs in timings.items()}
        for name, runs in timings.items():
            values = [run[index] for run in runs]
            print(
                f"  {name:52s} min {min(values) * 1e3:6.1f}  median {medians[name] * 1e3:6.1f}  "
                f"max {max(values) * 1e3:6.1f}  ratio of medians {medians[name] / medians[BASELINE]:.2f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="rounds (default 15)")
    parser.add_argument("--base", help="also run the verbs on icekit at this revision (before/after)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, n={args.repeat} per command")
    with tempfile.TemporaryDirectory(prefix="icekit-cold-") as tmp:
        workdir = Path(tmp)
        compileall.compile_dir(ROOT / "icekit", quiet=1)
        subprocess.run([sys.executable, "-m", "icekit.render.templates"], cwd=ROOT, check=True)
        commands = {BASELINE: Command(["-c", "import pydantic, jinja2"])}
        commands.update(client_commands(workdir))
        if args.base:
            commands.update(
                client_commands(workdir, sources=sources_at(args.base, workdir), label=f" @{args.base}")
            )
        for title, code in FLOORS.items():
            commands[f"reference: {title}"] = Command(["-c", code])
        report(interleaved(commands, args.repeat))
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
