"""Every bundled app's rendered requests go through the official SDK (alibabacloud-ice20201109) to the
loopback stub, which checks what ICE checks: event names against ICE's catalogue (SetEventCallback), byte
limits (MediaMetaData, UserData with the per-upload Extend), per-type PostProcessConfig or WorkflowId."""

from __future__ import annotations

import runpy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from components.ice.event_callback import EventCallbackProvider, event_callback_props
from icekit.clientconfig import ClientConfig, OwnBucketClientConfig, VodClientConfig
from icekit.facts.events import is_known_event
from icekit.models import FileInfo, InvalidDocumentError, MediaMetaData, UploadTargetConfig, UserData
from icekit.plan import run_plan
from icekit.plan.model import PlanResult
from icekit.render import render_client_config_files
from tests.support.ice_stub import IceStub, StubError, running_ice_stub

ROOT = Path(__file__).resolve().parents[2]
STACKS = ("dev", "staging", "prod")
TITLE_AT_LIMIT = "标" * 42  # 126 bytes; 43 would be 129
EXTEND = {"uploadId": "u-0001", "tenant": "acme"}


@pytest.fixture(scope="module")
def plans() -> dict[str, PlanResult]:
    return {stack: run_plan(stack, ROOT) for stack in STACKS}


@pytest.fixture(scope="module")
def stub() -> Iterator[IceStub]:
    with running_ice_stub() as ice:
        yield ice


def _checked(params: dict[str, str], name: str, model: Any) -> Any:
    try:
        return model.from_wire(params[name]) if name in params else None
    except InvalidDocumentError as exc:
        raise StubError("InvalidParameter", str(exc)) from None


def _create_upload_media(config: VodClientConfig) -> Callable[[dict[str, str]], dict[str, Any]]:
    def handle(params: dict[str, str]) -> dict[str, Any]:
        info = _checked(params, "FileInfo", FileInfo)
        _checked(params, "MediaMetaData", MediaMetaData)  # Title, Description, Tags, CoverURL in bytes
        _checked(params, "UploadTargetConfig", UploadTargetConfig)
        user_data = _checked(params, "UserData", UserData)  # at most 1,024 bytes as sent
        if not isinstance(info, FileInfo):
            raise StubError("MissingFileInfo", "FileInfo is required")
        if params.get("PostProcessConfig") != config.postProcessConfigs.get(info.Type):
            raise StubError("InvalidParameter", f"PostProcessConfig of a {info.Type} upload")
        if isinstance(user_data, UserData) and (user_data.Extend or {}).get("uploadId") != "u-0001":
            raise StubError("InvalidParameter", "UserData.Extend lost the per-upload keys")
        return {"RequestId": "R", "MediaId": f"m-{info.Type}", "UploadAddress": "e30=", "UploadAuth": "e30="}

    return handle


def _register_media_info(config: OwnBucketClientConfig) -> Callable[[dict[str, str]], dict[str, Any]]:
    def handle(params: dict[str, str]) -> dict[str, Any]:
        _checked(params, "UserData", UserData)
        kind = params.get("MediaType", "")
        if params.get("WorkflowId") != config.workflowIds.get(kind):
            raise StubError("InvalidParameter", f"WorkflowId of a {kind} registration")
        return {"RequestId": "R", "MediaId": f"m-{kind}"}

    return handle


def _set_event_callback(params: dict[str, str]) -> dict[str, Any]:
    unknown = [e for e in params.get("EventTypeList", "").split(",") if not is_known_event(e)]
    if unknown:
        raise StubError("InvalidParameter.EventTypeList", f"unknown events {unknown}")
    return {"RequestId": "R", "Success": True}


def _snippet(tmp_path: Path, config: ClientConfig) -> dict[str, Any]:
    path = tmp_path / f"{config.stack}-{config.app}.py"
    path.write_text(render_client_config_files(config)["upload_request.py"], encoding="utf-8")
    return runpy.run_path(str(path))


def _apps(plans: dict[str, PlanResult]) -> list[tuple[str, ClientConfig]]:
    return [
        (stack, ClientConfig.from_data(document))
        for stack, plan in plans.items()
        for _app, document in sorted(plan.clientConfigs.items())
    ]


def test_every_bundled_app_uploads_every_declared_type_through_the_sdk(
    plans: dict[str, PlanResult], stub: IceStub, tmp_path: Path
) -> None:
    sent = 0
    for _stack, config in _apps(plans):
        snippet = _snippet(tmp_path, config)
        client = snippet["build_client"]("id", "secret", "token", endpoint=stub.endpoint_url)
        for rule in config.fileRules:
            kwargs = {"file_type": rule.type, "name": "clip", "ext": rule.extensions[0], "size": 1}
            if isinstance(config, VodClientConfig):
                stub.on("CreateUploadMedia", _create_upload_media(config))
                request = snippet["build_request"](title=TITLE_AT_LIMIT, extend=EXTEND, **kwargs)
                assert client.create_upload_media(request).body.media_id == f"m-{rule.type}"
            else:
                assert isinstance(config, OwnBucketClientConfig)
                stub.on("RegisterMediaInfo", _register_media_info(config))
                request = snippet["build_request"](title=TITLE_AT_LIMIT, **kwargs)
                assert client.register_media_info(request).body.media_id == f"m-{rule.type}"
            sent += 1
    assert sent >= 10  # three stacks, every app, every file type


def test_the_snippets_refuse_what_ice_refuses_before_sending(
    plans: dict[str, PlanResult], tmp_path: Path
) -> None:
    config = ClientConfig.from_data(plans["dev"].clientConfigs["mobile-video"])
    snippet = _snippet(tmp_path, config)
    args = {"file_type": "video", "name": "clip", "ext": "mp4"}
    with pytest.raises(ValueError, match=r"title is 129 bytes in UTF-8; ICE allows at most 128 bytes"):
        snippet["build_request"](title="标" * 43, **args)
    with pytest.raises(ValueError, match=r"UserData is 1\d{3} bytes in UTF-8; ICE allows at most 1024 bytes"):
        snippet["build_request"](title="t", extend={"note": "x" * 1000}, **args)
    with pytest.raises(ValueError, match=r"tag 'x{33}' is 33 bytes"):
        snippet["build_request"](title="t", tags=["x" * 33], **args)


def test_the_stub_refuses_a_hand_made_title_over_128_bytes(
    plans: dict[str, PlanResult], stub: IceStub, tmp_path: Path
) -> None:
    from alibabacloud_ice20201109 import models as ice_models

    config = ClientConfig.from_data(plans["dev"].clientConfigs["mobile-video"])
    assert isinstance(config, VodClientConfig)
    stub.on("CreateUploadMedia", _create_upload_media(config))
    request = ice_models.CreateUploadMediaRequest(
        file_info='{"Type":"video","Name":"clip","Ext":"mp4"}',
        media_meta_data='{"Title":"' + "标" * 43 + '","BusinessType":"general"}',
    )
    client = _snippet(tmp_path, config)["build_client"]("id", "secret", "token", endpoint=stub.endpoint_url)
    with pytest.raises(Exception, match=r"MediaMetaData\.Title: is 129 bytes"):
        client.create_upload_media(request)


@pytest.mark.parametrize("stack", STACKS)
def test_the_bundled_event_callbacks_name_only_known_events(
    plans: dict[str, PlanResult], stub: IceStub, stack: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "id")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret")
    declaration = plans[stack].declaration
    assert declaration is not None and declaration.event_callback is not None
    callback = declaration.callbacks[declaration.event_callback]
    props = event_callback_props(
        region=declaration.region,
        kind=callback.kind,
        url=getattr(callback, "url", None),
        queue_name=getattr(callback, "queue_name", None),
        events=list(callback.events),
        auth_key="Secret1Key" if callback.kind == "http" else None,  # the real one is a secret
    )
    stub.on("GetEventCallback", lambda _params: {"RequestId": "R"})
    stub.on("SetEventCallback", _set_event_callback)
    EventCallbackProvider(endpoint=stub.endpoint_url).create(props)
    sent = stub.calls_to("SetEventCallback")[-1].params["EventTypeList"]
    assert sent == ",".join(callback.events) and "FileUploadComplete" in sent


def test_the_stub_refuses_file_uploaded(stub: IceStub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "id")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret")
    stub.on("GetEventCallback", lambda _params: {"RequestId": "R"})
    stub.on("SetEventCallback", _set_event_callback)
    props = event_callback_props(
        region="cn-shanghai", kind="mns", url=None, queue_name="ice-callback-x", events=["FileUploaded"],
        auth_key=None,
    )  # fmt: skip
    with pytest.raises(Exception, match="unknown events"):
        EventCallbackProvider(endpoint=stub.endpoint_url).create(props)
