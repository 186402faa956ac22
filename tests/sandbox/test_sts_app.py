"""STS AssumeRole through the official alibabacloud-sts20150401 client, signature V3 (default) and V2."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_tea_openapi.exceptions import ClientException

from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.freshness import utc_now
from icekit.sandbox.request_log import RequestRecord
from icekit.sandbox.serving import RunningServer, running_server
from icekit.sandbox.sts_app import RoleSettings, sts_application
from tests.sandbox.clients import sts_client
from tests.sandbox.conftest import ACCOUNT, CALLER_ARN, ROLE_ARN
from tests.sandbox.doubles import ScriptedAuthorizer


@pytest.fixture
def records() -> list[RequestRecord]:
    return []


@pytest.fixture
def sts(
    credentials: CredentialStore, authorizer: ScriptedAuthorizer, records: list[RequestRecord]
) -> Iterator[RunningServer]:
    roles = {ROLE_ARN: RoleSettings(ROLE_ARN, max_session_seconds=7200)}
    app = sts_application(roles, credentials, authorizer, on_record=records.append)
    with running_server(app) as server:
        yield server


def _assume(client: object, **extra: object) -> sts_models.AssumeRoleResponse:
    request = sts_models.AssumeRoleRequest(role_arn=ROLE_ARN, role_session_name="upload-server", **extra)
    return client.assume_role(request)  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("v2", [False, True], ids=["v3-acs3-hmac-sha256", "v2-rpc-hmac-sha1"])
def test_assume_role_issues_a_temporary_credential(
    sts: RunningServer, caller_key: AccessKey, authorizer: ScriptedAuthorizer, v2: bool
) -> None:
    body = _assume(
        sts_client(sts, caller_key.access_key_id, caller_key.secret, v2=v2), duration_seconds=1800
    ).body
    assert body.credentials.access_key_id.startswith("STS.")
    assert body.credentials.security_token
    assert body.assumed_role_user.arn == f"{ROLE_ARN}/upload-server"
    assert body.assumed_role_user.assumed_role_id.endswith(":upload-server")
    assert body.request_id
    [question] = authorizer.questions
    assert (question.principal.arn, question.action, question.resource) == (
        CALLER_ARN,
        "sts:AssumeRole",
        ROLE_ARN,
    )
    assert question.context.source_ip == "127.0.0.1"
    assert question.context.secure_transport is False


@pytest.mark.parametrize("v2", [False, True], ids=["v3", "v2"])
def test_a_wrong_secret_is_refused_with_code_and_request_id(
    sts: RunningServer, caller_key: AccessKey, records: list[RequestRecord], v2: bool
) -> None:
    client = sts_client(sts, caller_key.access_key_id, caller_key.secret + "x", v2=v2)
    with pytest.raises(ClientException) as refused:
        _assume(client)
    assert refused.value.code == "SignatureDoesNotMatch"
    assert refused.value.status_code == 400
    assert refused.value.request_id == records[-1].request_id
    assert records[-1].code == "SignatureDoesNotMatch"
    assert records[-1].allowed is None  # refused before anyone was asked


def test_an_untrusted_caller_is_refused_by_the_authorizer(
    sts: RunningServer, caller_key: AccessKey, authorizer: ScriptedAuthorizer, records: list[RequestRecord]
) -> None:
    authorizer.denied_actions.add("sts:AssumeRole")
    with pytest.raises(ClientException) as refused:
        _assume(sts_client(sts, caller_key.access_key_id, caller_key.secret))
    assert refused.value.code == "NoPermission"
    assert refused.value.status_code == 403
    assert refused.value.access_denied_detail["AuthAction"] == "sts:AssumeRole"
    assert refused.value.access_denied_detail["Reason"] == "no statement allows sts:AssumeRole"
    assert (records[-1].allowed, records[-1].principal) == (False, CALLER_ARN)


def test_the_session_expires(sts: RunningServer, caller_key: AccessKey, credentials: CredentialStore) -> None:
    body = _assume(sts_client(sts, caller_key.access_key_id, caller_key.secret), duration_seconds=900).body
    issued = body.credentials
    now = utc_now()
    principal = credentials.authenticate(issued.access_key_id, issued.security_token, now)
    assert principal.role_arn == ROLE_ARN
    from icekit.sandbox.credentials import CredentialError, CredentialProblem

    with pytest.raises(CredentialError) as expired:
        credentials.authenticate(issued.access_key_id, issued.security_token, now + timedelta(seconds=901))
    assert expired.value.problem is CredentialProblem.TOKEN_EXPIRED


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"role_arn": f"acs:ram::{ACCOUNT}:role/not-in-the-stack"}, "EntityNotExist.Role"),
        ({"role_arn": "arn:aws:iam::1:role/x"}, "InvalidParameter.RoleArn"),
        ({"role_session_name": "a"}, "InvalidParameter.RoleSessionName"),
        ({"duration_seconds": 899}, "InvalidParameter.DurationSeconds"),
        ({"duration_seconds": 7201}, "InvalidParameter.DurationSeconds"),
        ({"policy": "not json"}, "InvalidParameter.PolicyGrammar"),
    ],
)
def test_bad_parameters_are_refused(
    sts: RunningServer, caller_key: AccessKey, extra: dict[str, object], code: str
) -> None:
    client = sts_client(sts, caller_key.access_key_id, caller_key.secret)
    request = sts_models.AssumeRoleRequest(role_arn=ROLE_ARN, role_session_name="upload-server")
    for name, value in extra.items():
        setattr(request, name, value)
    with pytest.raises(ClientException) as refused:
        client.assume_role(request)
    assert refused.value.code == code
