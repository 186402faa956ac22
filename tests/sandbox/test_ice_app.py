"""The sandbox's ICE through the official alibabacloud-ice20201109 client: the session STS issued calls it,
the Authorizer's denial comes back as ICE's Forbidden.RAM, and the state outlives a restart."""

from __future__ import annotations

import stat
from datetime import timedelta

import pytest
from alibabacloud_ice20201109 import models as ice_models
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_tea_openapi import utils_models as open_api_models
from alibabacloud_tea_openapi.exceptions import ClientException
from darabonba.runtime import RuntimeOptions

from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.freshness import utc_now
from icekit.sandbox.ice_app import ice_application
from icekit.sandbox.principals import Principal
from icekit.sandbox.request_log import RequestRecord
from icekit.sandbox.serving import running_server
from icekit.sandbox.state import StateDirectory
from icekit.sandbox.sts_app import RoleSettings, sts_application
from tests.sandbox.clients import ice_client, ice_rpc_params, sts_client
from tests.sandbox.conftest import REGION, ROLE_ARN
from tests.sandbox.doubles import ScriptedAuthorizer

SETTING = ice_models.SetEventCallbackRequest(
    callback_type="HTTP",
    callback_url="https://hooks.example.com/ice",
    event_type_list="FileUploadComplete",
    auth_switch="on",
    auth_key="Key123",
)


def test_the_role_session_from_sts_calls_ice(
    state: StateDirectory, credentials: CredentialStore, caller_key: AccessKey, authorizer: ScriptedAuthorizer
) -> None:
    roles = {ROLE_ARN: RoleSettings(ROLE_ARN)}
    sts_app = sts_application(roles, credentials, authorizer)
    ice_app = ice_application(state, REGION, credentials, authorizer)
    with running_server(sts_app) as sts, running_server(ice_app) as ice:
        assumed = sts_client(sts, caller_key.access_key_id, caller_key.secret).assume_role(
            sts_models.AssumeRoleRequest(role_arn=ROLE_ARN, role_session_name="upload-server")
        )
        issued = assumed.body.credentials
        client = ice_client(ice, issued.access_key_id, issued.access_key_secret, issued.security_token)
        client.set_event_callback(SETTING)
        assert client.get_event_callback().body.auth_key == "Key123"
    principal = authorizer.questions[-1].principal
    assert (principal.role_arn, principal.session_name) == (ROLE_ARN, "upload-server")


def test_a_denied_action_is_refused_as_ice_refuses_it(
    state: StateDirectory, credentials: CredentialStore, caller_key: AccessKey, authorizer: ScriptedAuthorizer
) -> None:
    records: list[RequestRecord] = []
    authorizer.denied_actions.add("ice:SetEventCallback")
    with (
        running_server(
            ice_application(state, REGION, credentials, authorizer, on_record=records.append)
        ) as ice,
        pytest.raises(ClientException) as refused,
    ):
        ice_client(ice, caller_key.access_key_id, caller_key.secret).set_event_callback(SETTING)
    assert (refused.value.status_code, refused.value.code) == (403, "Forbidden.RAM")
    assert refused.value.access_denied_detail == {
        "AuthAction": "ice:SetEventCallback",
        "Reason": "no statement allows ice:SetEventCallback",
        "DecidingStatement": "test double",
    }
    assert refused.value.request_id == records[-1].request_id
    assert (records[-1].action, records[-1].allowed, records[-1].status) == ("SetEventCallback", False, 403)
    assert state.read_record("settings", f"event-callback.{REGION}") is None


def test_an_action_the_sandbox_does_not_serve(
    state: StateDirectory, credentials: CredentialStore, caller_key: AccessKey, authorizer: ScriptedAuthorizer
) -> None:
    with running_server(ice_application(state, REGION, credentials, authorizer)) as ice:
        client = ice_client(ice, caller_key.access_key_id, caller_key.secret)
        params = ice_rpc_params("DeleteMediaInfos")
        with pytest.raises(ClientException) as refused:
            client.call_api(params, open_api_models.OpenApiRequest(query={"MediaIds": "x"}), RuntimeOptions())
    assert (refused.value.status_code, refused.value.code) == (404, "InvalidAction.NotFound")


def test_state_and_sessions_survive_a_restart(state: StateDirectory, authorizer: ScriptedAuthorizer) -> None:
    first = CredentialStore(state)
    session = first.issue_temporary(Principal(f"{ROLE_ARN}/s", ROLE_ARN, "s"), timedelta(hours=1), utc_now())
    with running_server(ice_application(state, REGION, first, authorizer)) as ice:
        ice_client(ice, session.access_key_id, session.secret, session.security_token).set_event_callback(
            SETTING
        )

    restarted_state = StateDirectory(state.root)
    restarted = CredentialStore(restarted_state)
    with running_server(ice_application(restarted_state, REGION, restarted, authorizer)) as ice:
        client = ice_client(ice, session.access_key_id, session.secret, session.security_token)
        body = client.get_event_callback().body
    assert (body.callback_url, body.auth_switch, body.auth_key) == (
        "https://hooks.example.com/ice",
        "on",
        "Key123",
    )
    for secret_file in (
        restarted_state.record_path("credentials", session.access_key_id),
        restarted_state.record_path("settings", f"event-callback.{REGION}"),
    ):
        assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600


def test_an_omitted_parameter_keeps_the_stored_value(
    state: StateDirectory, credentials: CredentialStore, caller_key: AccessKey, authorizer: ScriptedAuthorizer
) -> None:
    with running_server(ice_application(state, REGION, credentials, authorizer)) as ice:
        client = ice_client(ice, caller_key.access_key_id, caller_key.secret)
        client.set_event_callback(SETTING)
        client.set_event_callback(
            ice_models.SetEventCallbackRequest(callback_url="https://hooks.example.com/v2")
        )
        body = client.get_event_callback().body
    assert (body.callback_url, body.auth_key, body.event_type_list) == (
        "https://hooks.example.com/v2",
        "Key123",
        "FileUploadComplete",
    )
