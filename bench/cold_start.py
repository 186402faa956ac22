"""Cold start of the upload clients' verbs, `icekit validate` and `icekit render`, against a bare
`python -c "import pydantic, jinja2"`, measured in one sitting.

Each repetition starts every command as a fresh process, rotating which goes first so that none profits from
a warmer cache (an untimed warm-up run each first, so bytecode exists for all). The render command renders the
outputs of the bundled prod stack (`icekit plan prod --format json`, made once before the timing) into a fresh
directory each time. The script prints min/median/max per command and each verb's ratio of medians to the
baseline (the goal: at most 1.3).

`import pydantic` alone is lazy (it loads none of the model machinery); the last command, for reference only,
is the floor any click CLI validating one pydantic model pays.

    .venv/bin/python bench/cold_start.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["BASELINE", "FILE_INFO", "ICEKIT", "client_commands", "stack_outputs_file"]

ROOT = Path(__file__).resolve().parents[1]
ICEKIT = str(Path(sys.executable).with_name("icekit"))  # the installed console script
FILE_INFO = '{"Type":"video","Name":"test","Size":108078336,"Ext":"mp4"}'
BASELINE = 'python -c "import pydantic, jinja2"'
FLOOR = "import click\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)"

# title -> (argv after the interpreter, standard input)
Commands = dict[str, tuple[list[str], str]]


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


def client_commands(workdir: Path) -> Commands:
    """The baseline, then the two verbs as a user runs them (the console script)."""
    outputs, out = stack_outputs_file(workdir), workdir / "rendered"
    return {
        BASELINE: (["-c", "import pydantic, jinja2"], ""),
        "icekit validate file-info -": ([ICEKIT, "validate", "file-info", "-"], FILE_INFO),
        "icekit render --outputs FILE --out DIR": (
            [ICEKIT, "render", "--outputs", str(outputs), "--out", str(out)],
            "",
        ),
    }


def _run_once(argv: list[str], stdin: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], input=stdin, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def interleaved(commands: Commands, repeat: int) -> dict[str, list[float]]:
    """Seconds per run of each command: one untimed warm-up each, then `repeat` rotated rounds."""
    names = list(commands)
    for name in names:
        _run_once(*commands[name])
    timings: dict[str, list[float]] = {name: [] for name in names}
    for round_index in range(repeat):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            timings[name].append(_run_once(*commands[name]))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="rounds (default 15)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="icekit-cold-") as tmp:
        commands = client_commands(Path(tmp))
        commands["reference: click + one pydantic model"] = (["-c", FLOOR], "")
        timings = interleaved(commands, args.repeat)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, values in timings.items():
        print(
            f"{name:40s} min {min(values) * 1e3:6.1f}  median {medians[name] * 1e3:6.1f}  "
            f"max {max(values) * 1e3:6.1f} ms  (n={args.repeat})"
        )
    for name in list(timings)[1:]:
        print(
            f"ratio of medians  {name.removeprefix('reference: '):38s} / baseline: "
            f"{medians[name] / medians[BASELINE]:.2f}"
        )
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
