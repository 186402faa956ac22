"""Event delivery as ICE delivers: HTTP 200 within the timeout or two retries a pause apart, then dropped and
logged; loopback targets only unless redirected; per-upload callback URLs; MNS callbacks kept in a local queue
read through `GET /mns/<queue>` on the ICE port; the OSS answer never waits for the callback."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from alibabacloud_ice20201109 import models as ice_models

from icekit.callbacks import verify
from icekit.callbacks.events import FileUploadComplete, parse_event
from icekit.errors import UserInputError
from icekit.sandbox.callback_http import CallbackRedirects, DeliveryRules
from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.event_delivery import DeliveryRecord, EventDispatcher
from icekit.sandbox.event_settings import event_callback_record_name
from icekit.sandbox.serving import RunningServer, running_server
from icekit.sandbox.state import StateDirectory
from tests.sandbox.clients import ice_client
from tests.sandbox.conftest import ACCOUNT, REGION
from tests.sandbox.doubles import ScriptedAuthorizer
from tests.sandbox.test_ice_upload import AUTH_KEY, create_upload, file_info, subscribe, upload_bucket
from tests.sandbox.upload_rig import CallbackReceiver, upload_rig

EVENT = {
    "EventType": "FileUploadComplete",
    "UserId": int(ACCOUNT),
    "EventTime": "2026-12-01T12:00:00Z",
    "MessageBody": {
        "Status": "Success",
        "FileUrl": "http://127.0.0.1/outin-1/sv/a.mp4",
        "MediaId": "a" * 32,
        "AppId": "app-1000000",
        "Size": "1",
        "MediaType": "video",
    },
}
QUICK = DeliveryRules(timeout_seconds=1.0, retries=2, retry_pause_seconds=0.2)


@pytest.fixture
def receiver() -> CallbackReceiver:
    return CallbackReceiver()


@pytest.fixture
def local(receiver: CallbackReceiver) -> Iterator[RunningServer]:
    with running_server(receiver) as server:
        yield server


def subscribed(state: StateDirectory, **setting: str) -> None:
    record = {"CallbackType": "HTTP", "EventTypeList": "FileUploadComplete", **setting}
    state.write_record("settings", event_callback_record_name(REGION), record, private=True)


def deliver(state: StateDirectory, rules: DeliveryRules = QUICK, **options: Any) -> DeliveryRecord:
    records: list[DeliveryRecord] = []
    dispatcher = EventDispatcher(state, REGION, rules=rules, on_delivery=records.append, **options)
    try:
        name = dispatcher.emit(EVENT)
        assert dispatcher.wait_idle(10)
    finally:
        dispatcher.close()
    [record] = records
    kept = state.read_record("events", name)
    assert kept is not None and kept["delivery"] == record.as_json() and kept["event"] == EVENT
    return record


def test_only_http_200_counts_and_the_rest_is_retried_twice_then_dropped(
    state: StateDirectory, receiver: CallbackReceiver, local: RunningServer
) -> None:
    receiver.statuses = [500, 204, 503]
    subscribed(state, CallbackURL=f"{local.url}/hook")
    started = time.monotonic()
    record = deliver(state)
    assert (record.outcome, record.attempts) == ("dropped", ("500", "204", "503"))
    assert time.monotonic() - started >= 2 * QUICK.retry_pause_seconds
    assert len(receiver.received) == 3


def test_a_retry_that_gets_200_is_delivered(
    state: StateDirectory, receiver: CallbackReceiver, local: RunningServer
) -> None:
    receiver.statuses = [502, 200]
    subscribed(state, CallbackURL=f"{local.url}/hook", AuthSwitch="on", AuthKey=AUTH_KEY)
    record = deliver(state)
    assert (record.outcome, record.attempts) == ("delivered", ("502", "200"))
    for callback in receiver.received:  # each attempt signed when it was sent
        assert (
            verify(f"{local.url}/hook", callback.headers, callback.body, AUTH_KEY).EventType
            == EVENT["EventType"]
        )


def test_an_answer_later_than_the_timeout_is_a_failure(
    state: StateDirectory, receiver: CallbackReceiver, local: RunningServer
) -> None:
    receiver.delay_seconds = 0.5
    subscribed(state, CallbackURL=f"{local.url}/slow")
    record = deliver(state, DeliveryRules(timeout_seconds=0.2, retries=1, retry_pause_seconds=0.0))
    assert (record.outcome, record.attempts) == ("dropped", ("timeout", "timeout"))


def test_unsigned_when_auth_is_off(
    state: StateDirectory, receiver: CallbackReceiver, local: RunningServer
) -> None:
    subscribed(state, CallbackURL=f"{local.url}/hook", AuthSwitch="off", AuthKey=AUTH_KEY)
    assert deliver(state).outcome == "delivered"
    names = {name.upper() for name, _ in receiver.received[0].headers}
    assert "X-ICE-SIGNATURE" not in names and "X-ICE-TIMESTAMP" not in names
    assert json.loads(receiver.received[0].body) == EVENT


def test_a_target_off_loopback_is_refused_unless_redirected(
    state: StateDirectory, receiver: CallbackReceiver, local: RunningServer
) -> None:
    subscribed(state, CallbackURL="https://hooks.example.com/ice")
    refused = deliver(state)
    assert (refused.outcome, refused.attempts, refused.target) == (
        "refused",
        (),
        "https://hooks.example.com/ice",
    )
    assert "not on loopback" in refused.detail

    redirects = CallbackRedirects.from_options(
        {"dev-hook": f"{local.url}/dev"}, {"dev-hook": "https://hooks.example.com/ice"}
    )
    delivered = deliver(state, redirects=redirects)
    assert (delivered.outcome, delivered.target) == ("delivered", f"{local.url}/dev")
    assert [callback.path for callback in receiver.received] == ["/dev"]


def test_an_event_the_callback_does_not_subscribe_to_is_kept_only(
    state: StateDirectory, receiver: CallbackReceiver, local: RunningServer
) -> None:
    subscribed(state, CallbackURL=f"{local.url}/hook", EventTypeList="ProduceMediaComplete")
    assert deliver(state).outcome == "unsubscribed"
    assert receiver.received == []


def test_redirect_options_name_a_declared_callback_or_a_url() -> None:
    declared = {"dev-hook": "https://hooks.example.com/ice"}
    by_name = CallbackRedirects.from_options({"dev-hook": "http://127.0.0.1:9/a"}, declared)
    by_url = CallbackRedirects.from_options({"https://hooks.example.com/ice": "http://127.0.0.1:9/a"})
    assert by_name == by_url
    assert by_name.target_of("https://hooks.example.com/other") == "https://hooks.example.com/other"
    with pytest.raises(UserInputError, match="neither a declared callback"):
        CallbackRedirects.from_options({"prod-hook": "http://127.0.0.1:9/a"}, declared)
    with pytest.raises(UserInputError, match="is not an http"):
        CallbackRedirects.from_options({"dev-hook": "127.0.0.1:9"}, declared)


def _get(server: RunningServer, path: str) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_mns_callbacks_are_kept_in_a_local_queue_read_over_http(
    state: StateDirectory, credentials: CredentialStore, authorizer: ScriptedAuthorizer, caller_key: AccessKey
) -> None:
    with upload_rig(state, credentials, authorizer) as rig:
        client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
        client.set_event_callback(
            ice_models.SetEventCallbackRequest(
                callback_type="MNS",
                callback_queue_name="ice-callback-dev",
                event_type_list="FileUploadComplete",
            )
        )
        assert _get(rig.ice, "/mns/ice-callback-dev") == (200, [])
        created = create_upload(client, file_info(kind="audio", ext="m4a"))
        bucket, key = upload_bucket(rig, created)
        bucket.put_object(key, b"audio bytes")
        assert rig.events.wait_idle(10)
        status, messages = _get(rig.ice, "/mns/ice-callback-dev")
        assert _get(rig.ice, "/mns/not%20a%20queue")[0] == 404
    assert status == 200
    [message] = messages
    assert len(message["MessageId"]) == 32 and isinstance(message["EnqueueTime"], int)
    event = parse_event(json.loads(message["MessageBody"]))
    assert isinstance(event, FileUploadComplete)
    assert (event.MessageBody.MediaId, event.MessageBody.MediaType) == (created.media_id, "audio")
    assert rig.receiver.received == []
    [delivery] = rig.deliveries
    assert (delivery.channel, delivery.target, delivery.outcome) == ("mns", "ice-callback-dev", "delivered")


def test_a_per_upload_callback_url_takes_the_regions_place(
    state: StateDirectory, credentials: CredentialStore, authorizer: ScriptedAuthorizer, caller_key: AccessKey
) -> None:
    with upload_rig(state, credentials, authorizer) as rig:
        client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
        subscribe(client)
        per_upload = rig.receiver_url.replace("/ice-events", "/per-upload")
        user_data = json.dumps({"MessageCallback": {"CallbackURL": per_upload}})
        created = create_upload(client, file_info(), user_data=user_data)
        bucket, key = upload_bucket(rig, created)
        bucket.put_object(key, b"video")
        [callback] = rig.receiver.wait_for(1)
    assert callback.path == "/per-upload"
    event = verify(per_upload, callback.headers, callback.body, AUTH_KEY)  # signed over the per-upload URL
    assert isinstance(event, FileUploadComplete) and event.MessageBody.UserData == user_data


def test_the_oss_answer_does_not_wait_for_the_callback(
    state: StateDirectory, credentials: CredentialStore, authorizer: ScriptedAuthorizer, caller_key: AccessKey
) -> None:
    gate = threading.Event()
    with upload_rig(state, credentials, authorizer, receiver=CallbackReceiver(gate=gate)) as rig:
        client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
        subscribe(client)
        created = create_upload(client, file_info())
        bucket, key = upload_bucket(rig, created)
        bucket.put_object(key, b"video")  # returns while the receiver still holds the callback
        rig.receiver.wait_for(1)
        assert rig.deliveries == []
        gate.set()
        assert rig.events.wait_idle(10)
    assert [d.outcome for d in rig.deliveries] == ["delivered"]
