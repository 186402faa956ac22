"""The Python versions icekit supports (pyproject.toml's `requires-python`) and where this machine has them.

An interpreter counts as found when it runs and reports the version asked for: a pyenv shim for a version that
pyenv has not activated is on PATH but does not run, so the candidates are tried in turn: the interpreter the
suite runs on, `pythonX.Y` on PATH, then pyenv's installed versions (highest patch first).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

__all__ = ["find_interpreter", "search_description", "supported_versions"]

ROOT = Path(__file__).resolve().parents[2]
# Python 3 minor versions worth asking requires-python about; far beyond any release in sight.
_MINORS_CONSIDERED = range(30)
_REPORT_VERSION = "import sys; print('%d.%d' % sys.version_info[:2])"


def supported_versions() -> tuple[str, ...]:
    """ "3.11", "3.12", ...: each Python 3 minor version the project's requires-python admits."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    admitted = SpecifierSet(project["requires-python"])
    return tuple(f"3.{minor}" for minor in _MINORS_CONSIDERED if admitted.contains(f"3.{minor}"))


def _pyenv_root() -> Path:
    return Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")


def _pyenv_candidates(version: str) -> list[Path]:
    found: list[tuple[Version, Path]] = []
    for directory in (_pyenv_root() / "versions").glob(f"{version}.*"):
        try:
            found.append((Version(directory.name), directory / "bin" / f"python{version}"))
        except InvalidVersion:  # e.g. 3.13.0t (free-threaded) or 3.12-dev: not a release
            continue
    return [path for _, path in sorted(found, reverse=True)]


def _candidates(version: str) -> list[Path]:
    running = [Path(sys.base_prefix) / "bin" / f"python{version}"]
    on_path = shutil.which(f"python{version}")
    return [*running, *([Path(on_path)] if on_path else []), *_pyenv_candidates(version)]


def _reports(interpreter: Path, version: str) -> bool:
    if not interpreter.is_file():
        return False
    try:
        done = subprocess.run(
            [str(interpreter), "-I", "-c", _REPORT_VERSION], capture_output=True, text=True, timeout=60
        )
    except OSError:
        return False
    return done.returncode == 0 and done.stdout.strip() == version


@cache
def find_interpreter(version: str) -> Path | None:
    """An interpreter of Python `version` ("3.12") that runs, or None."""
    return next((path for path in _candidates(version) if _reports(path, version)), None)


def search_description(version: str) -> str:
    """Where find_interpreter looked, for a skip reason."""
    return (
        f"no Python {version} found (looked at {sys.base_prefix}/bin/python{version}, "
        f"python{version} on PATH, {_pyenv_root()}/versions/{version}.*)"
    )
