"""`icekit plan STACK | head`: a reader that goes away is not a finding (exit 1) and not a traceback."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from icekit.cli import EXIT_BROKEN_PIPE, main

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_closed_stdout_exits_like_sigpipe(
    output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Standard output is a real pipe whose reader is gone before the plan prints anything (in process: the
    flush at the end is the one the interpreter makes at exit)."""
    reader, writer = os.pipe()
    os.close(reader)
    stderr = io.StringIO()
    # Buffered like a process's standard output on a pipe.
    with open(writer, "w", encoding="utf-8") as stdout, monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", stdout)
        patch.setattr(sys, "stderr", stderr)
        patch.chdir(ROOT)
        with pytest.raises(SystemExit) as exited:
            main(["plan", "dev", "--out", str(tmp_path), "--format", output_format])
        stdout.flush()  # what the interpreter does at exit: quiet, the pipe was swapped for /dev/null
    assert exited.value.code == EXIT_BROKEN_PIPE, stderr.getvalue()
    assert "Traceback" not in stderr.getvalue()
