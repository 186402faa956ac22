"""Hostile inputs (issue 11): a copy of the project to break, and one way to run a verb in process."""

from __future__ import annotations

from pathlib import Path

from tests.plan.conftest import PROJECT_ROOT
from tests.plan.conftest import project as project  # the fixture: a copy of the project, found by name
from tests.support.cli import CliRun, run_icekit

DEV = (PROJECT_ROOT / "stacks" / "Pulumi.dev.yaml").read_text(encoding="utf-8")
DEV_URL = "https://dev-hooks.acme-media.example/ice/callback"


def run(*args: str) -> CliRun:
    """The verb in process; no exception may escape it (a traceback is never an answer: run_icekit puts an
    escaped exception's traceback on stderr)."""
    result = run_icekit(*args)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def refused(result: CliRun, prefix: str) -> None:
    """Exit 2 with one `error: <file>: <key path>: ...` line starting with `prefix`."""
    assert result.returncode == 2, result
    assert result.stderr.startswith(f"error: {prefix}"), result.stderr


def write_stack(project: Path, name: str, text: str) -> Path:
    path = project / "stacks" / f"Pulumi.{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def with_config(extra: str) -> str:
    """The dev stack with `extra` (indented lines) at the top of `config:`."""
    return DEV.replace("config:\n", f"config:\n{extra}", 1)
