from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
STACKS = ROOT / "stacks"


@pytest.fixture
def dev_document() -> dict[str, Any]:
    """The bundled dev stack file as parsed YAML, a fresh copy per test."""
    return copy.deepcopy(yaml.safe_load((STACKS / "Pulumi.dev.yaml").read_text(encoding="utf-8")))


@pytest.fixture
def write_stack(tmp_path: Path) -> Callable[..., Path]:
    def write(document: dict[str, Any], stack: str = "dev") -> Path:
        path = tmp_path / "stacks" / f"Pulumi.{stack}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        return path

    return write
