from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from icekit.stack import StackDeclaration, build_spec, read_stack_config

ROOT = Path(__file__).resolve().parents[2]
STACKS = ROOT / "stacks"


def spec_from(config: dict[str, Any], stack: str = "dev") -> StackDeclaration:
    return build_spec(config, stack=stack, file=f"stacks/Pulumi.{stack}.yaml")


@pytest.fixture
def dev_config() -> dict[str, Any]:
    """The bundled dev stack's config (secure values as SecretValue), a fresh copy per test."""
    return copy.deepcopy(read_stack_config(STACKS / "Pulumi.dev.yaml"))


@pytest.fixture
def prod_config() -> dict[str, Any]:
    return copy.deepcopy(read_stack_config(STACKS / "Pulumi.prod.yaml"))


__all__ = ["ROOT", "STACKS", "spec_from", "yaml"]
