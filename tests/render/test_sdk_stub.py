"""The rendered wire strings go through the official SDK (alibabacloud-ice20201109) to a stub ICE endpoint on
127.0.0.1 that parses every JSON-string parameter with icekit's models; the answer's UploadAddress/UploadAuth
are decoded with icekit.models.upload_response."""

from __future__ import annotations

import base64
import json
import runpy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from icekit.clientconfig import ClientConfig
from icekit.models import (
    FileInfo,
    InvalidDocumentError,
    MediaMetaData,
    PostProcessConfig,
    UploadTargetConfig,
    UserData,
    WireModel,
    require_business_type_fits,
    require_post_processable,
    validate_app_id,
)
from icekit.models.upload_response import decode_upload_address, decode_upload_auth
from icekit.render import render_client_config_files
from tests.models.samples import client_config_data
from tests.support.ice_stub import StubError, ice_client_for, running_ice_stub


def _sdk_models() -> Any:
    """The SDK's request models, imported by the tests that use them: about 1 s to load, which every test
    worker would pay when it collects this module (only the one running the ICE SDK group needs them:
    tests/support/groups.py)."""
    from alibabacloud_ice20201109 import models

    return models


JSON_PARAMETERS: dict[str, type[WireModel]] = {
    "FileInfo": FileInfo,
    "MediaMetaData": MediaMetaData,
    "UploadTargetConfig": UploadTargetConfig,
    "UserData": UserData,
    "PostProcessConfig": PostProcessConfig,
}


def _b64(data: dict[str, str]) -> str:
    return base64.b64encode(json.dumps(data).encode()).decode()


def create_upload_media_handler(
    seen: list[dict[str, WireModel]],
) -> Callable[[dict[str, str]], dict[str, Any]]:
    """Checks each parameter as ICE would (a JSON string our models accept) and answers like the reference."""

    def handle(params: dict[str, str]) -> dict[str, Any]:
        parsed: dict[str, WireModel] = {}
        for name, model in JSON_PARAMETERS.items():
            if name in params:
                try:
                    parsed[name] = model.from_wire(params[name])
                except InvalidDocumentError as exc:
                    raise StubError("InvalidParameter", str(exc)) from None
        if "AppId" in params:
            try:
                validate_app_id(params["AppId"])
            except ValueError as exc:
                raise StubError("InvalidParameter", f"AppId: {exc}") from None
        info = parsed.get("FileInfo")
        if not isinstance(info, FileInfo):
            raise StubError("MissingFileInfo", "FileInfo is required")
        try:
            meta = parsed.get("MediaMetaData")
            if isinstance(meta, MediaMetaData):
                require_business_type_fits(meta.BusinessType, info.Type)
            if "PostProcessConfig" in parsed:
                require_post_processable(info.Type)
        except ValueError as exc:
            raise StubError("InvalidParameter", str(exc)) from None
        seen.append(parsed)
        file_name = f"sv/4f2a/{info.Name}.{info.Ext.lower()}"
        return {
            "RequestId": "4E84BE44-58A7-0000-0000-FBEBEA16EF94",
            "MediaId": "0020b48fb04483915d4f2cd8ac000000",
            "MediaURL": f"https://outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com/{file_name}",
            "FileURL": f"http://outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com/{file_name}",
            "UploadAddress": _b64(
                {
                    "Endpoint": "https://oss-cn-shanghai.aliyuncs.com",
                    "Bucket": "outin-0123456789abcdef",
                    "FileName": file_name,
                }
            ),
            "UploadAuth": _b64(
                {
                    "AccessKeyId": "STS.stub",
                    "AccessKeySecret": "stub-secret",
                    "SecurityToken": "stub-token",
                    "Expiration": "3000",
                }
            ),
        }

    return handle


def _rendered_config() -> ClientConfig:
    return ClientConfig.from_data(client_config_data())


def test_rendered_wire_strings_pass_the_sdk_and_the_stub() -> None:
    # The static parameters exactly as the rendered client-config.json carries them.
    rendered = json.loads(render_client_config_files(_rendered_config())["client-config.json"])
    static = rendered["request"]
    seen: list[dict[str, WireModel]] = []
    request = _sdk_models().CreateUploadMediaRequest(
        app_id=rendered["appId"],
        file_info=FileInfo(Type="video", Name="holiday", Size=108078336, Ext="MP4").to_wire(),
        media_meta_data=MediaMetaData(Title="Holiday", Tags=("a", "b"), BusinessType="opening").to_wire(),
        upload_target_config=static["UploadTargetConfig"],
        user_data=static["UserData"],
        post_process_config=rendered["postProcessConfigs"]["video"],
    )
    with running_ice_stub() as stub:
        stub.on("CreateUploadMedia", create_upload_media_handler(seen))
        response = ice_client_for(stub).create_upload_media(request)
        call = stub.calls_to("CreateUploadMedia")[0]
    # What arrived is byte-for-byte the wire strings we rendered.
    for name in ("UploadTargetConfig", "UserData"):
        assert call.params[name] == static[name]
    assert call.params["PostProcessConfig"] == rendered["postProcessConfigs"]["video"]
    assert set(seen[0]) == set(JSON_PARAMETERS)
    body = response.body
    assert body.media_id == "0020b48fb04483915d4f2cd8ac000000"
    address = decode_upload_address(body.upload_address)
    auth = decode_upload_auth(body.upload_auth)
    assert (address.Bucket, address.FileName) == ("outin-0123456789abcdef", "sv/4f2a/holiday.mp4")
    assert (auth.AccessKeyId, auth.SecurityToken, auth.Expiration) == ("STS.stub", "stub-token", "3000")


def test_the_stub_rejects_what_the_models_reject() -> None:
    seen: list[dict[str, WireModel]] = []
    request = _sdk_models().CreateUploadMediaRequest(
        file_info='{"Type":"video","Name":"clip.mp4","Ext":"exe"}',
        upload_target_config='{"StorageType":"oss","StorageLocation":"my-bucket.oss-cn-shanghai.aliyuncs.com"}',
    )
    with running_ice_stub() as stub:
        stub.on("CreateUploadMedia", create_upload_media_handler(seen))
        with pytest.raises(Exception, match=r"FileInfo\.Ext: 'exe' is not an extension of a video file"):
            ice_client_for(stub).create_upload_media(request)
    assert seen == []


def _load_snippet(tmp_path: Path, config: ClientConfig) -> dict[str, Any]:
    path = tmp_path / "upload_request.py"
    path.write_text(render_client_config_files(config)["upload_request.py"], encoding="utf-8")
    return runpy.run_path(str(path))


def test_rendered_python_snippet_builds_requests_the_stub_accepts(tmp_path: Path) -> None:
    snippet = _load_snippet(tmp_path, _rendered_config())
    seen: list[dict[str, WireModel]] = []
    with running_ice_stub() as stub:
        stub.on("CreateUploadMedia", create_upload_media_handler(seen))
        client = ice_client_for(stub)
        video = snippet["build_request"](file_type="video", name="clip", ext="mov", size=1024, title="Clip")
        image = snippet["build_request"](
            file_type="image", name="cover", ext="PNG", title="Cover", business_type="cover"
        )
        for request in (video, image):
            assert decode_upload_address(client.create_upload_media(request).body.upload_address).Bucket
    assert isinstance(seen[0]["PostProcessConfig"], PostProcessConfig)
    assert "PostProcessConfig" not in seen[1]  # images are never post-processed
    meta = seen[0]["MediaMetaData"]
    assert isinstance(meta, MediaMetaData) and meta.Tags == ("mobile",) and meta.BusinessType == "general"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"file_type": "audio", "name": "a", "ext": "mp3"}, "file type 'audio' is not allowed"),
        ({"file_type": "video", "name": "a", "ext": "avi"}, "extension 'avi' is not allowed for video"),
        (
            {"file_type": "video", "name": "a", "ext": "mp4", "size": 5368709121},
            "size 5368709121 is not between",
        ),
        (
            {"file_type": "video", "name": "a", "ext": "mp4", "business_type": "cover"},
            "business type 'cover' does not fit video files",
        ),
        (
            {"file_type": "image", "name": "a", "ext": "png", "business_type": "opening"},
            "business type 'opening' does not fit image files",
        ),
    ],
)
def test_rendered_snippet_enforces_the_file_rules(
    tmp_path: Path, kwargs: dict[str, Any], expected: str
) -> None:
    snippet = _load_snippet(tmp_path, _rendered_config())
    with pytest.raises(ValueError, match=expected):
        snippet["build_request"](title="t", **kwargs)
