"""Cold start of `icekit validate` against a bare `python -c "import pydantic, jinja2"`, measured in one run.

Each repetition starts the commands as fresh processes, rotating which goes first so that none profits from a
warmer cache; the script prints the medians and the ratios.

    .venv/bin/python bench/validate_cold_start.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

FILE_INFO = '{"Type":"video","Name":"test","Size":108078336,"Ext":"mp4"}'
ICEKIT = str(Path(sys.executable).with_name("icekit"))  # the installed console script

# `import pydantic` alone is lazy: it loads none of the model machinery. The third command, for reference
# only, is the floor any click CLI validating one pydantic model pays.
FLOOR = "import click\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)"
COMMANDS: dict[str, list[str]] = {
    "icekit validate file-info -": [sys.executable, ICEKIT, "validate", "file-info", "-"],
    'python -c "import pydantic, jinja2"': [sys.executable, "-c", "import pydantic, jinja2"],
    "reference: click + one pydantic model": [sys.executable, "-c", FLOOR],
}


def _run_once(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, input=FILE_INFO, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="repetitions per command (default 15)")
    args = parser.parse_args()
    names = list(COMMANDS)
    for name in names:  # one untimed warm-up each: compiled bytecode exists for both
        _run_once(COMMANDS[name])
    timings: dict[str, list[float]] = {name: [] for name in names}
    for round_index in range(args.repeat):
        shift = round_index % len(names)
        order = names[shift:] + names[:shift]
        for name in order:
            timings[name].append(_run_once(COMMANDS[name]))
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name in names:
        spread = f"min {min(timings[name]) * 1000:.0f} ms, max {max(timings[name]) * 1000:.0f} ms"
        print(f"{name:40s} median {medians[name] * 1000:7.1f} ms  ({spread}, n={args.repeat})")
    icekit_name, baseline_name, floor_name = names
    ratio = medians[icekit_name] / medians[baseline_name]
    print(f"ratio icekit validate / import pydantic, jinja2: {ratio:.2f}")
    floor_ratio = medians[icekit_name] / medians[floor_name]
    print(f"ratio icekit validate / {floor_name.removeprefix('reference: ')}: {floor_ratio:.2f}")


if __name__ == "__main__":
    main()
