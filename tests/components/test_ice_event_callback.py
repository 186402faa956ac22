"""The event-callback dynamic provider against the stub ICE endpoint on 127.0.0.1, via the official SDK."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import dill  # type: ignore[import-untyped]
import pytest
from pulumi.dynamic import Resource as DynamicResource
from pulumi.dynamic.dynamic import serialize_provider

from components.ice.client import ENDPOINT_ENV, resolve_endpoint
from components.ice.event_callback import (
    PREVIOUS_AUTH_KEY,
    PREVIOUS_SETTING,
    EventCallbackProvider,
    IceEventCallback,
    event_callback_props,
)
from tests.support.ice_stub import IceStub, StubError, running_ice_stub

# The region-wide setting as ICE keeps it (the stub's "cloud").
Setting = dict[str, str]


@pytest.fixture(scope="module")
def _server() -> Iterator[IceStub]:
    # one server per module: stopping it costs half a second (serve_forever's poll interval)
    with running_ice_stub() as ice:
        yield ice


@pytest.fixture
def stub(_server: IceStub, monkeypatch: pytest.MonkeyPatch) -> IceStub:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "test-key-id")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "test-key-secret")
    monkeypatch.delenv(ENDPOINT_ENV, raising=False)
    setting: Setting = {}

    def set_callback(params: dict[str, str]) -> dict[str, Any]:
        if params.get("CallbackType") not in ("HTTP", "MNS"):
            raise StubError("InvalidParameter", "CallbackType")
        for key in (
            "CallbackType",
            "CallbackURL",
            "CallbackQueueName",
            "EventTypeList",
            "AuthSwitch",
            "AuthKey",
        ):
            if key in params:
                setting[key] = params[key]
        return {"RequestId": "set-1", "Success": True}

    def get_callback(params: dict[str, str]) -> dict[str, Any]:
        return {"RequestId": "get-1", **setting}

    _server.calls.clear()
    _server.handlers.clear()
    _server.on("SetEventCallback", set_callback)
    _server.on("GetEventCallback", get_callback)
    _server.setting = setting  # type: ignore[attr-defined]
    return _server


def _http_props(url: str = "https://hooks.example.com/ice", key: str | None = "Secret1Key") -> dict[str, Any]:
    return event_callback_props(
        region="cn-shanghai", kind="http", url=url, queue_name=None, events=["FileUploaded"], auth_key=key
    )


def _provider(stub: IceStub) -> EventCallbackProvider:
    return EventCallbackProvider(endpoint=f"http://{stub.endpoint}")


def test_create_sets_the_region_callback(stub: IceStub) -> None:
    result = _provider(stub).create(_http_props())
    assert result.id == "cn-shanghai/event-callback"
    (call,) = stub.calls_to("SetEventCallback")
    assert {
        k: call.params.get(k) for k in ("CallbackType", "CallbackURL", "EventTypeList", "AuthSwitch")
    } == {
        "CallbackType": "HTTP",
        "CallbackURL": "https://hooks.example.com/ice",
        "EventTypeList": "FileUploaded",
        "AuthSwitch": "on",
    }
    assert call.params["AuthKey"] == "Secret1Key"
    assert "CallbackQueueName" not in call.params
    assert result.outs is not None and result.outs["authKey"] == "Secret1Key"


def test_read_returns_the_live_setting_and_reveals_drift(stub: IceStub) -> None:
    provider = _provider(stub)
    created = provider.create(_http_props())
    stub.setting["CallbackURL"] = "https://changed-in-console.example.com/"  # type: ignore[attr-defined]
    read = provider.read(created.id, created.outs or {})
    assert read.outs is not None
    assert read.outs["callbackUrl"] == "https://changed-in-console.example.com/"
    assert read.outs["authSwitch"] == "on" and read.outs["eventTypeList"] == "FileUploaded"
    diff = provider.diff(created.id, read.outs, _http_props())
    assert diff.changes is True and not diff.replaces


def test_diff_is_quiet_when_nothing_changed_and_replaces_on_region(stub: IceStub) -> None:
    provider = _provider(stub)
    props = _http_props()
    assert provider.diff("id", props, dict(props)).changes is False
    moved = dict(props, region="cn-beijing")
    diff = provider.diff("id", props, moved)
    assert diff.changes is True and diff.replaces == ["region"]


def test_update_switches_to_mns(stub: IceStub) -> None:
    provider = _provider(stub)
    created = provider.create(_http_props())
    mns = event_callback_props(
        region="cn-shanghai",
        kind="mns",
        url=None,
        queue_name="ice-callback-prod",
        events=["TranscodeComplete", "FileUploaded"],
        auth_key=None,
    )
    updated = provider.update(created.id, created.outs or {}, mns)
    assert updated.outs is not None and updated.outs["callbackType"] == "MNS"
    last = stub.calls_to("SetEventCallback")[-1].params
    assert last["CallbackType"] == "MNS" and last["CallbackQueueName"] == "ice-callback-prod"
    assert last["EventTypeList"] == "FileUploaded,TranscodeComplete"
    assert "CallbackURL" not in last and "AuthKey" not in last


def test_delete_without_a_previous_setting_empties_the_event_list_and_leaves_auth_alone(
    stub: IceStub,
) -> None:
    provider = _provider(stub)
    created = provider.create(_http_props())
    provider.delete(created.id, created.outs or {})
    last = stub.calls_to("SetEventCallback")[-1].params
    assert last["EventTypeList"] == ""
    assert last["CallbackURL"] == "https://hooks.example.com/ice"
    assert "AuthSwitch" not in last and "AuthKey" not in last
    assert stub.setting["AuthSwitch"] == "on"  # type: ignore[attr-defined]


def test_unauthenticated_http_callback_sends_auth_off(stub: IceStub) -> None:
    _provider(stub).create(_http_props(key=None))
    params = stub.calls_to("SetEventCallback")[-1].params
    assert params["AuthSwitch"] == "off" and "AuthKey" not in params


def test_ice_error_fails_the_operation(stub: IceStub) -> None:
    def refuse(params: dict[str, str]) -> dict[str, Any]:
        raise StubError("Forbidden.RAM", "not authorized", status=403)

    stub.on("SetEventCallback", refuse)
    with pytest.raises(Exception, match=r"Forbidden\.RAM"):
        _provider(stub).create(_http_props())


def test_unsuccessful_answer_fails_the_operation(stub: IceStub) -> None:
    stub.on("SetEventCallback", lambda params: {"RequestId": "r-9", "Success": False})
    with pytest.raises(RuntimeError, match="r-9"):
        _provider(stub).create(_http_props())


def test_endpoint_from_environment(stub: IceStub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENDPOINT_ENV, f"http://{stub.endpoint}")
    EventCallbackProvider().create(_http_props())
    assert len(stub.calls_to("SetEventCallback")) == 1


def test_check_rejects_incomplete_inputs() -> None:
    provider = EventCallbackProvider()
    bad = dict(_http_props(), callbackUrl=None, eventTypeList="")
    failures = {f.property for f in provider.check({}, bad).failures}
    assert failures == {"callbackUrl", "eventTypeList"}
    assert provider.check({}, _http_props()).failures == []


def test_endpoint_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENDPOINT_ENV, raising=False)
    assert resolve_endpoint("cn-shenzhen") == ("ice.cn-shenzhen.aliyuncs.com", "https")
    assert resolve_endpoint("cn-shenzhen", "http://127.0.0.1:9") == ("127.0.0.1:9", "http")
    assert resolve_endpoint("cn-shenzhen", "https://ice.example/") == ("ice.example", "https")


def test_provider_pickles_small_and_without_clients() -> None:
    provider = EventCallbackProvider(endpoint="http://127.0.0.1:1")
    restored = dill.loads(dill.dumps(provider, recurse=True))
    assert isinstance(restored, EventCallbackProvider) and restored.endpoint == "http://127.0.0.1:1"
    assert vars(restored) == {"endpoint": "http://127.0.0.1:1"}
    # what Pulumi stores in the state: by reference to the importable class, so it stays small
    assert len(serialize_provider(provider)) < 2000


# --- the region's previous setting: captured at create, restored on delete -------------------------------

PREVIOUS_HTTP: Setting = {
    "CallbackType": "HTTP",
    "CallbackURL": "https://legacy.example.com/ice-events",
    "EventTypeList": "TranscodeComplete,FileUploaded",  # as ICE returned it: restored unsorted
    "AuthSwitch": "on",
    "AuthKey": "Legacy9Key",
}


def _with_setting(stub: IceStub, setting: Setting) -> None:
    stub.setting.clear()  # type: ignore[attr-defined]
    stub.setting.update(setting)  # type: ignore[attr-defined]


def test_create_reads_the_previous_setting_first_and_keeps_it_in_the_state(stub: IceStub) -> None:
    _with_setting(stub, PREVIOUS_HTTP)
    created = _provider(stub).create(_http_props())
    assert [c.action for c in stub.calls] == ["GetEventCallback", "SetEventCallback"]
    outs = created.outs or {}
    assert outs[PREVIOUS_SETTING] == {
        "callbackType": "HTTP",
        "callbackUrl": "https://legacy.example.com/ice-events",
        "callbackQueueName": None,
        "eventTypeList": "TranscodeComplete,FileUploaded",
        "authSwitch": "on",
    }
    # the previous key lives apart, so that only it is marked secret
    assert outs[PREVIOUS_AUTH_KEY] == "Legacy9Key"
    assert "Legacy9Key" not in repr(outs[PREVIOUS_SETTING])


def test_delete_restores_the_previous_setting_exactly(stub: IceStub) -> None:
    _with_setting(stub, PREVIOUS_HTTP)
    provider = _provider(stub)
    created = provider.create(_http_props())
    assert stub.setting["CallbackURL"] == "https://hooks.example.com/ice"  # type: ignore[attr-defined]
    provider.delete(created.id, created.outs or {})
    restore = stub.calls_to("SetEventCallback")[-1].params
    assert {k: restore.get(k) for k in PREVIOUS_HTTP} == PREVIOUS_HTTP
    assert "CallbackQueueName" not in restore
    assert stub.setting == PREVIOUS_HTTP  # type: ignore[attr-defined]


def test_a_previous_mns_setting_is_restored_as_mns(stub: IceStub) -> None:
    previous = {
        "CallbackType": "MNS",
        "CallbackQueueName": "ice-callback-legacy",
        "EventTypeList": "FileUploaded",
    }
    _with_setting(stub, previous)
    provider = _provider(stub)
    created = provider.create(_http_props())
    assert (created.outs or {})[PREVIOUS_AUTH_KEY] is None
    provider.delete(created.id, created.outs or {})
    restore = stub.calls_to("SetEventCallback")[-1].params
    assert {k: restore.get(k) for k in previous} == previous
    assert not {"CallbackURL", "AuthSwitch", "AuthKey"} & set(restore)


def test_update_and_read_carry_the_previous_setting_to_the_delete(stub: IceStub) -> None:
    _with_setting(stub, PREVIOUS_HTTP)
    provider = _provider(stub)
    created = provider.create(_http_props())
    updated = provider.update(created.id, created.outs or {}, _http_props(url="https://hooks.example.com/v2"))
    read = provider.read(created.id, updated.outs or {})
    outs = read.outs or {}
    assert outs["callbackUrl"] == "https://hooks.example.com/v2"
    assert outs[PREVIOUS_AUTH_KEY] == "Legacy9Key"
    assert outs[PREVIOUS_SETTING]["callbackUrl"] == "https://legacy.example.com/ice-events"
    provider.delete(created.id, outs)
    assert stub.setting == PREVIOUS_HTTP  # type: ignore[attr-defined]


def test_previous_auth_on_without_a_returned_key_leaves_ice_auth_as_is(stub: IceStub) -> None:
    _with_setting(stub, {k: v for k, v in PREVIOUS_HTTP.items() if k != "AuthKey"})
    provider = _provider(stub)
    created = provider.create(_http_props())
    provider.delete(created.id, created.outs or {})
    restore = stub.calls_to("SetEventCallback")[-1].params
    assert restore["CallbackURL"] == PREVIOUS_HTTP["CallbackURL"]
    assert restore["EventTypeList"] == PREVIOUS_HTTP["EventTypeList"]
    assert "AuthSwitch" not in restore and "AuthKey" not in restore  # never sends auth on without a key


def test_without_a_previous_setting_delete_disables(stub: IceStub) -> None:
    provider = _provider(stub)
    created = provider.create(_http_props())
    outs = created.outs or {}
    assert outs[PREVIOUS_SETTING] is None and outs[PREVIOUS_AUTH_KEY] is None
    provider.delete(created.id, outs)
    last = stub.calls_to("SetEventCallback")[-1].params
    assert last["EventTypeList"] == "" and last["CallbackURL"] == "https://hooks.example.com/ice"


def test_failing_get_changes_nothing(stub: IceStub) -> None:
    def refuse(params: dict[str, str]) -> dict[str, Any]:
        raise StubError("Forbidden.RAM", "no ice:GetEventCallback", status=403)

    stub.on("GetEventCallback", refuse)
    with pytest.raises(Exception, match=r"Forbidden\.RAM"):
        _provider(stub).create(_http_props())
    assert stub.calls_to("SetEventCallback") == []


def test_the_resource_marks_both_auth_keys_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def capture(self: Any, provider: Any, name: str, props: Any, opts: Any = None) -> None:
        seen["opts"] = opts

    monkeypatch.setattr(DynamicResource, "__init__", capture)
    IceEventCallback("dev-event-callback", _http_props())
    assert sorted(seen["opts"].additional_secret_outputs) == ["authKey", "previousAuthKey"]


def test_previous_auth_off_is_restored_as_off(stub: IceStub) -> None:
    previous = {**{k: v for k, v in PREVIOUS_HTTP.items() if k != "AuthKey"}, "AuthSwitch": "off"}
    _with_setting(stub, previous)
    provider = _provider(stub)
    created = provider.create(_http_props())
    provider.delete(created.id, created.outs or {})
    restore = stub.calls_to("SetEventCallback")[-1].params
    assert restore["AuthSwitch"] == "off" and "AuthKey" not in restore
    assert {k: restore.get(k) for k in previous} == previous
