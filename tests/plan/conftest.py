"""Shared fixtures: a copy of the project's stacks in tmp_path, so tests can break them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_STACKS = ("dev", "staging", "prod")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project directory with Pulumi.yaml and the bundled stacks (the program is the installed one)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(PROJECT_ROOT / "Pulumi.yaml", root / "Pulumi.yaml")
    shutil.copytree(PROJECT_ROOT / "stacks", root / "stacks")
    return root
