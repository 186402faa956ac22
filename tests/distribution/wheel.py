"""Build icekit's distributions with uv and install the wheel into a fresh virtual environment."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.distribution.tools import CONSTRAINTS, ROOT, clean_environment, uv_executable

__all__ = ["Distributions", "build_distributions", "install_wheel", "pinned_versions"]

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", re.MULTILINE)


@dataclass(frozen=True)
class Distributions:
    wheel: Path
    sdist: Path


def _uv(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(uv_executable()), *map(str, args)],
        cwd=cwd,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, f"uv {' '.join(map(str, args))} failed:\n{done.stderr}"
    return done.stdout


def build_distributions(out_dir: Path) -> Distributions:
    """`uv build`: the sdist, then the wheel built from that sdist (so the sdist is proven complete)."""
    _uv("build", "--quiet", "--out-dir", out_dir, ROOT, cwd=out_dir.parent)
    [wheel] = out_dir.glob("icekit-*.whl")
    [sdist] = out_dir.glob("icekit-*.tar.gz")
    return Distributions(wheel=wheel, sdist=sdist)


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_versions(requirements: str) -> dict[str, str]:
    """name -> version of every `name==version` line (a constraints file, or `uv pip freeze`)."""
    return {_normalized(name): version for name, version in _PIN.findall(requirements)}


def install_wheel(python: Path, wheel: Path, venv: Path) -> str:
    """A new virtual environment of `python` at `venv` with the wheel installed under the pinned
    constraints; returns what it holds (`uv pip freeze`)."""
    _uv("venv", "--quiet", "--python", python, venv, cwd=venv.parent)
    interpreter = venv / "bin" / "python"
    _uv(
        "pip",
        "install",
        "--quiet",
        "--python",
        interpreter,
        "--constraint",
        CONSTRAINTS,
        wheel,
        cwd=venv.parent,
    )
    return _uv("pip", "freeze", "--python", interpreter, cwd=venv.parent)
