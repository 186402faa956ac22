"""icekit at another git revision, for the benchmarks that compare before and after in one sitting
(bench/cold_start.py, bench/check_phases.py, bench/rules.py)."""

from __future__ import annotations

import compileall
import io
import subprocess
import tarfile
from pathlib import Path

__all__ = ["sources_at"]

ROOT = Path(__file__).resolve().parents[1]


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
