"""OpenAPI signatures (V3 ACS3-HMAC-SHA256, the SDK default; V2 RPC HMAC-SHA1) as the official
alibabacloud-ice20201109 client signs them, verified by the sandbox's ICE: accepted with the right secret,
refused with a wrong one, a tampered parameter or body, an unsigned x-acs header, a stale timestamp, a
replayed nonce, an unknown or token-less key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from alibabacloud_ice20201109 import models as ice_models
from alibabacloud_tea_openapi import utils_models as open_api_models
from alibabacloud_tea_openapi.exceptions import ClientException
from darabonba.runtime import RuntimeOptions

from icekit.sandbox.credentials import AccessKey, CredentialStore, TemporaryCredential
from icekit.sandbox.freshness import utc_now
from icekit.sandbox.ice_app import ice_application
from icekit.sandbox.principals import Principal, role_session_arn
from icekit.sandbox.serving import RunningServer, running_server
from icekit.sandbox.state import StateDirectory
from tests.sandbox.clients import ice_client, ice_rpc_params
from tests.sandbox.conftest import REGION, ROLE_ARN
from tests.sandbox.doubles import ScriptedAuthorizer
from tests.sandbox.wsgi_tools import Interceptor, replay

VERSIONS = pytest.mark.parametrize("v2", [False, True], ids=["v3", "v2"])
SESSION = Principal(role_session_arn(ROLE_ARN, "upload-server"), ROLE_ARN, "upload-server")
CALLBACK_URL = "https://hooks.example.com/ice"


@pytest.fixture
def clock_offset() -> list[timedelta]:
    return [timedelta(0)]


@pytest.fixture
def interceptor(
    state: StateDirectory,
    credentials: CredentialStore,
    authorizer: ScriptedAuthorizer,
    clock_offset: list[timedelta],
) -> Interceptor:
    app = ice_application(state, REGION, credentials, authorizer, clock=lambda: utc_now() + clock_offset[0])
    return Interceptor(app)


@pytest.fixture
def ice(interceptor: Interceptor) -> Iterator[RunningServer]:
    with running_server(interceptor) as server:
        yield server


@pytest.fixture
def session(credentials: CredentialStore) -> TemporaryCredential:
    return credentials.issue_temporary(SESSION, timedelta(hours=1), utc_now())


def _set_callback(client: object, url: str = CALLBACK_URL) -> None:
    request = ice_models.SetEventCallbackRequest(
        callback_type="HTTP", callback_url=url, event_type_list="FileUploadComplete"
    )
    client.set_event_callback(request)  # type: ignore[attr-defined]


def _client(
    server: RunningServer, session: TemporaryCredential, *, v2: bool, secret: str | None = None
) -> object:
    return ice_client(server, session.access_key_id, secret or session.secret, session.security_token, v2=v2)


def _refused(call: object) -> ClientException:
    with pytest.raises(ClientException) as refused:
        call()  # type: ignore[operator]
    return refused.value


@VERSIONS
def test_signed_with_the_right_secret_is_accepted(
    ice: RunningServer, session: TemporaryCredential, authorizer: ScriptedAuthorizer, v2: bool
) -> None:
    client = _client(ice, session, v2=v2)
    _set_callback(client)
    body = client.get_event_callback().body  # type: ignore[attr-defined]
    assert (body.callback_type, body.callback_url, body.event_type_list) == (
        "HTTP",
        CALLBACK_URL,
        "FileUploadComplete",
    )
    assert [(q.principal, q.action) for q in authorizer.questions] == [
        (SESSION, "ice:SetEventCallback"),
        (SESSION, "ice:GetEventCallback"),
    ]
    assert authorizer.questions[0].resource == "acs:ice:*:1234567890123456:*"


@VERSIONS
def test_a_wrong_secret_is_refused(ice: RunningServer, session: TemporaryCredential, v2: bool) -> None:
    client = _client(ice, session, v2=v2, secret="not-the-secret")
    refusal = _refused(lambda: _set_callback(client))
    assert (refusal.status_code, refusal.code) == (400, "SignatureDoesNotMatch")
    assert len(refusal.request_id) == 36


@VERSIONS
def test_a_tampered_parameter_is_refused(
    ice: RunningServer, interceptor: Interceptor, session: TemporaryCredential, v2: bool
) -> None:
    interceptor.replace_in_uri = ("hooks.example.com", "evil.example.com")
    refusal = _refused(lambda: _set_callback(_client(ice, session, v2=v2)))
    assert refusal.code == "SignatureDoesNotMatch"
    interceptor.replace_in_uri = None
    assert _client(ice, session, v2=v2).get_event_callback().body.callback_url is None  # type: ignore[attr-defined]


@VERSIONS
def test_a_replayed_request_is_refused(
    ice: RunningServer, interceptor: Interceptor, session: TemporaryCredential, v2: bool
) -> None:
    _set_callback(_client(ice, session, v2=v2))
    status, body = replay(ice.port, interceptor.captured[-1])
    assert (status, json.loads(body)["Code"]) == (400, "SignatureNonceUsed")


@VERSIONS
@pytest.mark.parametrize("minutes", [16, -16])
def test_a_timestamp_outside_15_minutes_is_refused(
    ice: RunningServer, session: TemporaryCredential, clock_offset: list[timedelta], v2: bool, minutes: int
) -> None:
    clock_offset[0] = timedelta(minutes=minutes)
    refusal = _refused(lambda: _set_callback(_client(ice, session, v2=v2)))
    assert refusal.code == "InvalidTimeStamp.Expired"
    clock_offset[0] = timedelta(minutes=14 if minutes > 0 else -14)
    _set_callback(_client(ice, session, v2=v2))


def test_an_unsigned_acs_header_is_refused(
    ice: RunningServer, interceptor: Interceptor, session: TemporaryCredential
) -> None:
    """A security token added after signing would otherwise pass: every x-acs-* header must be signed."""
    interceptor.extra_headers = {"x-acs-security-token": session.security_token}
    client = ice_client(ice, session.access_key_id, session.secret)  # signs without the token
    refusal = _refused(lambda: _set_callback(client))
    assert refusal.code == "IncompleteSignature"
    assert "x-acs-security-token" in refusal.message


def test_a_tampered_form_body_is_refused(
    ice: RunningServer, interceptor: Interceptor, session: TemporaryCredential
) -> None:
    """The SDK's generic call with a form body: V3 signs the body's SHA-256 (x-acs-content-sha256)."""
    client = _client(ice, session, v2=False)
    params = ice_rpc_params("SetEventCallback")
    request = open_api_models.OpenApiRequest(body={"CallbackType": "HTTP", "CallbackURL": CALLBACK_URL})
    client.call_api(params, request, RuntimeOptions())  # type: ignore[attr-defined]
    assert client.get_event_callback().body.callback_url == CALLBACK_URL  # type: ignore[attr-defined]
    interceptor.replace_in_body = (b"hooks.example.com", b"evil.example.com")
    request = open_api_models.OpenApiRequest(body={"CallbackURL": CALLBACK_URL + "/v2"})
    refusal = _refused(lambda: client.call_api(params, request, RuntimeOptions()))  # type: ignore[attr-defined]
    assert refusal.code == "SignatureDoesNotMatch"


@VERSIONS
def test_an_unknown_access_key_is_refused(ice: RunningServer, v2: bool) -> None:
    refusal = _refused(lambda: _set_callback(ice_client(ice, "LTAIunknown", "secret", v2=v2)))
    assert (refusal.status_code, refusal.code) == (404, "InvalidAccessKeyId.NotFound")


@VERSIONS
def test_security_token_problems_are_refused(
    ice: RunningServer, session: TemporaryCredential, credentials: CredentialStore, v2: bool
) -> None:
    without = ice_client(ice, session.access_key_id, session.secret, v2=v2)
    assert _refused(lambda: _set_callback(without)).code == "MissingSecurityToken"
    other = credentials.issue_temporary(SESSION, timedelta(hours=1), utc_now())
    mismatched = ice_client(ice, session.access_key_id, session.secret, other.security_token, v2=v2)
    assert _refused(lambda: _set_callback(mismatched)).code == "InvalidSecurityToken.MismatchWithAccessKey"
    old = credentials.issue_temporary(SESSION, timedelta(minutes=15), utc_now() - timedelta(hours=1))
    expired = ice_client(ice, old.access_key_id, old.secret, old.security_token, v2=v2)
    assert _refused(lambda: _set_callback(expired)).code == "InvalidSecurityToken.Expired"


def test_a_long_term_key_signs_too(ice: RunningServer, caller_key: AccessKey) -> None:
    _set_callback(ice_client(ice, caller_key.access_key_id, caller_key.secret))
