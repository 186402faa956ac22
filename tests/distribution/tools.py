"""The pinned uv the Makefile installs, and a clean environment for commands that must not see the checkout.

`make test` names uv in ICEKIT_UV. Without it: `.tools/bin/uv` (what `make env` installs), then a `uv` on
PATH; without any, the tests that need uv skip and say why. With ICEKIT_UV naming a missing file they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

__all__ = ["CONSTRAINTS", "ROOT", "clean_environment", "uv_executable"]

ROOT = Path(__file__).resolve().parents[2]
UV_ENV = "ICEKIT_UV"
# The pinned versions of every runtime dependency (`make constraints`: uv.lock exported), which the
# pre-commit hook installs with and the wheel smoke test installs with.
CONSTRAINTS = ROOT / "constraints.txt"
# Variables that would let a child process find this checkout or this environment.
_LEAKS = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "UV_PROJECT_ENVIRONMENT")


def uv_executable() -> Path:
    named = os.environ.get(UV_ENV)
    if named:
        path = Path(named) if Path(named).is_absolute() else ROOT / named
        assert path.is_file(), f"{UV_ENV}={named} names no file"
        return path
    if (ROOT / ".tools" / "bin" / "uv").is_file():
        return ROOT / ".tools" / "bin" / "uv"
    on_path = shutil.which("uv")
    if on_path is None:
        pytest.skip(f"uv not found ({UV_ENV} unset, no .tools/bin/uv, none on PATH; `make env` installs it)")
    return Path(on_path)


def clean_environment(bin_dir: Path | None = None) -> dict[str, str]:
    """This process's environment without what points at the checkout, uv never downloading a Python, and
    `bin_dir` first on PATH when given."""
    env = {key: value for key, value in os.environ.items() if key not in _LEAKS}
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env["UV_NO_PROGRESS"] = "1"
    if bin_dir is not None:
        env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env
