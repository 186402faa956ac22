"""Hostile inputs (issue 11): a copy of the project to break, and one way to run a verb in process."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from icekit.cli import cli

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEV = (PROJECT_ROOT / "stacks" / "Pulumi.dev.yaml").read_text(encoding="utf-8")
DEV_URL = "https://dev-hooks.acme-media.example/ice/callback"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(*args: str) -> Run:
    """The verb in process; no exception may escape it (a traceback is never an answer)."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return Run(result.exit_code, result.stdout, result.stderr)


def refused(result: Run, prefix: str) -> None:
    """Exit 2 with one `error: <file>: <key path>: ...` line starting with `prefix`."""
    assert result.code == 2, result
    assert result.err.startswith(f"error: {prefix}"), result.err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(PROJECT_ROOT / "Pulumi.yaml", root / "Pulumi.yaml")
    shutil.copytree(PROJECT_ROOT / "stacks", root / "stacks")
    return root


def write_stack(project: Path, name: str, text: str) -> Path:
    path = project / "stacks" / f"Pulumi.{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def with_config(extra: str) -> str:
    """The dev stack with `extra` (indented lines) at the top of `config:`."""
    return DEV.replace("config:\n", f"config:\n{extra}", 1)
