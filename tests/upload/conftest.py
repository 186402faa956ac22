"""Fixtures for icekit.upload's tests: the dev stack's client configurations (from the offline plan) and the
sandbox serving them (tests/upload/sandbox_env.py; swap `sandbox_for` for the `icekit sandbox` verb)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from icekit.clientconfig import ClientConfig
from tests.sandbox.conftest import _no_proxies  # noqa: F401  # autouse: loopback traffic never via a proxy
from tests.upload.sandbox_env import SandboxEnv, sandbox_for, stack_for_sandbox

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def dev_plan() -> tuple[dict[str, ClientConfig], dict[str, frozenset[str]]]:
    """The dev stack's client configurations, and each role's trusted principals, from one offline plan."""
    return stack_for_sandbox("dev", REPO)


@pytest.fixture
def dev_configs(
    dev_plan: tuple[dict[str, ClientConfig], dict[str, frozenset[str]]],
) -> dict[str, ClientConfig]:
    return dev_plan[0]


@pytest.fixture
def config_files(dev_configs: dict[str, ClientConfig], tmp_path: Path) -> dict[str, Path]:
    files = {}
    for app, config in dev_configs.items():
        files[app] = tmp_path / "configs" / app / "client-config.json"
        files[app].parent.mkdir(parents=True)
        files[app].write_text(config.to_json(), encoding="utf-8")
    return files


@pytest.fixture
def upload_credential_seconds() -> int:
    """The validity of the sandbox's upload credentials: ICE's 3000 s unless a module overrides it."""
    return 3000


@pytest.fixture
def sandbox(
    dev_plan: tuple[dict[str, ClientConfig], dict[str, frozenset[str]]],
    tmp_path: Path,
    upload_credential_seconds: int,
) -> Iterator[SandboxEnv]:
    configs, trust = dev_plan
    with sandbox_for(
        configs, tmp_path / "sandbox", trust, credential_seconds=upload_credential_seconds
    ) as env:
        yield env
