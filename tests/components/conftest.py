from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from icekit.stack import ConfigSource, StackDeclaration, StackFile, build_declaration

ROOT = Path(__file__).resolve().parents[2]
STACKS = ROOT / "stacks"


def spec_from(config: dict[str, Any], stack: str = "dev") -> StackDeclaration:
    return build_declaration(ConfigSource(stack=stack, file=f"stacks/Pulumi.{stack}.yaml", values=config))


@pytest.fixture
def dev_config() -> dict[str, Any]:
    """The bundled dev stack's config (secure values as SecretValue), a fresh copy per test."""
    return copy.deepcopy(dict(StackFile.read(STACKS / "Pulumi.dev.yaml").values))


@pytest.fixture
def prod_config() -> dict[str, Any]:
    return copy.deepcopy(dict(StackFile.read(STACKS / "Pulumi.prod.yaml").values))


__all__ = ["ROOT", "STACKS", "spec_from", "yaml"]
