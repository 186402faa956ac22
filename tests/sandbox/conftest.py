"""Fixtures for the sandbox tests: state, credentials and an Authorizer test double. Each test starts and
stops its own servers on 127.0.0.1 (port 0) and points the official SDK clients at them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.object_store import ObjectStore
from icekit.sandbox.oss_app import OssApplication
from icekit.sandbox.principals import Principal
from icekit.sandbox.request_log import RequestRecord
from icekit.sandbox.serving import RunningServer, running_server
from icekit.sandbox.state import StateDirectory
from tests.sandbox.doubles import ScriptedAuthorizer

if TYPE_CHECKING:
    from tests.sandbox.upload_rig import UploadRig

ACCOUNT = "1234567890123456"
REGION = "cn-shanghai"
CALLER_ARN = f"acs:ram::{ACCOUNT}:user/app-server"
ROLE_ARN = f"acs:ram::{ACCOUNT}:role/icekit-dev-mobile-video"
OSS_BUCKET = "acme-dev-ice-import"  # the one bucket of the `oss_server` fixture


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


@pytest.fixture
def records() -> list[RequestRecord]:
    return []


@pytest.fixture
def oss_server(
    state: StateDirectory,
    credentials: CredentialStore,
    authorizer: ScriptedAuthorizer,
    records: list[RequestRecord],
) -> Iterator[RunningServer]:
    """The sandbox's OSS alone, one bucket (OSS_BUCKET), its request records in `records`."""
    app = OssApplication(
        ObjectStore(state), credentials, authorizer, REGION, {OSS_BUCKET: ACCOUNT}, on_record=records.append
    )
    with running_server(app) as server:
        yield server


@pytest.fixture
def upload_credential_seconds() -> int:
    """The validity of the rig's upload credentials: ICE's 3000 s unless a module overrides it."""
    return 3000


@pytest.fixture
def rig(
    state: StateDirectory,
    credentials: CredentialStore,
    authorizer: ScriptedAuthorizer,
    upload_credential_seconds: int,
) -> Iterator[UploadRig]:
    """ICE with the upload actions, OSS, events and a callback receiver, all on 127.0.0.1."""
    from tests.sandbox.upload_rig import upload_rig  # it imports this module's constants

    with upload_rig(state, credentials, authorizer, credential_seconds=upload_credential_seconds) as running:
        yield running
