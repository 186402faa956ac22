"""`icekit plan STACK | head`: a reader that goes away is not a finding (exit 1) and not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from icekit.cli import EXIT_BROKEN_PIPE

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_closed_stdout_exits_like_sigpipe(output_format: str, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "icekit.cli", "plan", "dev", "--out", str(tmp_path)]
    process = subprocess.Popen(
        [*command, "--format", output_format],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the plan prints anything
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == EXIT_BROKEN_PIPE, stderr
    assert "Traceback" not in stderr
