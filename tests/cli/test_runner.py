"""tests.support.cli, the way tests run `icekit`: in process it must show what a process would."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from icekit.cli import VERBS
from tests.support.cli import run_icekit


@click.command(name="boom")
def command() -> None:
    """A verb with a bug (registered in VERBS by the test below)."""
    click.echo("before the bug")
    raise RuntimeError("a bug")


def test_an_escaping_exception_is_a_traceback_on_stderr_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(VERBS, "boom", (__name__, "A verb with a bug."))
    run = run_icekit("boom")
    assert run.returncode == run.exit_code == 1
    assert run.stdout == "before the bug\n"
    assert run.stderr.startswith("Traceback (most recent call last):\n")
    assert run.stderr.endswith("RuntimeError: a bug\n")
    assert "Traceback" in run.output


def test_stdout_and_stderr_stay_apart(tmp_path: Path) -> None:
    good = run_icekit("validate", "file-info", "-", stdin='{"Type":"video","Name":"clip","Ext":"mp4"}')
    assert (good.returncode, good.stderr) == (0, "")
    assert good.stdout.endswith("\n") and "clip" in good.stdout
    bad = run_icekit("validate", "file-info", str(tmp_path / "missing.json"))
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith("error: ")


def test_the_command_runs_in_cwd_and_the_test_stays_where_it_was(tmp_path: Path) -> None:
    here = Path.cwd()
    run = run_icekit("schema", cwd=tmp_path)  # writes ./schemas/ by default
    assert run.returncode == 0, run.stderr
    assert list((tmp_path / "schemas").glob("*.json"))
    assert Path.cwd() == here
    assert run_icekit("plan", "no-such-stack", "--project-dir", str(tmp_path), cwd=tmp_path).returncode == 2
    assert Path.cwd() == here
