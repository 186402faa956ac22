"""icekit at another git revision, for the benchmarks that compare before and after in one sitting
(bench/cold_start.py, bench/check_phases.py, bench/rules.py)."""

from __future__ import annotations

import compileall
import io
import subprocess
import tarfile
from pathlib import Path

__all__ = ["CONSOLE_ENTRY", "sources_at"]

ROOT = Path(__file__).resolve().parents[1]

# `python -P -c CONSOLE_ENTRY ARGS...`: `icekit ARGS...` as the console script of the icekit found first on
# the path runs it (icekit.console, or icekit.cli.run at revisions before icekit.console existed).
CONSOLE_ENTRY = (
    "import sys\ntry:\n    from icekit.console import run\n"
    "except ImportError:\n    from icekit.cli import run\nsys.argv[0] = 'icekit'\nrun()\n"
)


def sources_at(revision: str, workdir: Path) -> Path:
    """icekit's and components' sources at `revision` (`git archive`), their bytecode compiled, in
    `workdir`/base: a directory to put first on a child's PYTHONPATH. Run that child with `-P` or outside
    this checkout: `python -c` puts the working directory, this checkout's own icekit, first."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "icekit", "components"], capture_output=True, check=True
    ).stdout
    target = workdir / "base"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    compileall.compile_dir(target, quiet=1)
    return target
