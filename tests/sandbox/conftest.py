"""Fixtures for the sandbox tests: state, credentials and an Authorizer test double. Each test starts and
stops its own servers on 127.0.0.1 (port 0) and points the official SDK clients at them."""

from __future__ import annotations

from pathlib import Path

import pytest

from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.principals import Principal
from icekit.sandbox.state import StateDirectory
from tests.sandbox.doubles import ScriptedAuthorizer

ACCOUNT = "1234567890123456"
REGION = "cn-shanghai"
CALLER_ARN = f"acs:ram::{ACCOUNT}:user/app-server"
ROLE_ARN = f"acs:ram::{ACCOUNT}:role/icekit-dev-mobile-video"


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDKs honour *_proxy variables: traffic must go to 127.0.0.1 only, never through a proxy."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def state(tmp_path: Path) -> StateDirectory:
    return StateDirectory(tmp_path / "state")


@pytest.fixture
def credentials(state: StateDirectory) -> CredentialStore:
    return CredentialStore(state)


@pytest.fixture
def caller_key(credentials: CredentialStore) -> AccessKey:
    return credentials.new_access_key(Principal(CALLER_ARN))


@pytest.fixture
def authorizer() -> ScriptedAuthorizer:
    return ScriptedAuthorizer()
