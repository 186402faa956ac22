"""A standard output that cannot be written (`> /dev/full`): a message on stderr and exit 2, every verb."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import PROJECT_ROOT

pytestmark = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


def _icekit_to_dev_full(*args: str) -> subprocess.CompletedProcess[str]:
    with open("/dev/full", "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "icekit.cli", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=PROJECT_ROOT,
            timeout=120,
            check=False,
        )


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["schema", "--out", "-"],
        ["check", "--policy", "tests/hostile/conftest.py", "--format", "json"],
        ["check", "dev", "--format", "json"],
    ],
    ids=["help", "schema", "check-policy-error", "check-stack"],
)
def test_unwritable_stdout_exits_2_with_a_message(args: list[str]) -> None:
    done = _icekit_to_dev_full(*args)
    if args[:2] == ["check", "--policy"]:
        # a user error is reported as such (on stderr), whatever stdout is
        assert done.returncode == 2 and "not valid JSON" in done.stderr
        return
    assert done.returncode == 2, done.stderr
    assert done.stderr.endswith("error: <stdout>: cannot write the output (No space left on device)\n")
    assert "Traceback" not in done.stderr


def test_plan_to_dev_full(tmp_path: Path) -> None:
    done = _icekit_to_dev_full("plan", "dev", "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "cannot write the output" in done.stderr
    assert "Traceback" not in done.stderr
