"""Rendering an uploadMode "own-bucket" configuration: the .env carries the bucket, and the Python snippet
builds RegisterMediaInfo requests that go through the official SDK to the stub ICE endpoint on 127.0.0.1."""

from __future__ import annotations

import json
import runpy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from icekit.clientconfig import ClientConfig, parse_stack_outputs
from icekit.models import UserData
from icekit.render import CLIENT_CONFIG_FILES, render_client_config_files
from icekit.render.stack import render_stack_outputs
from tests.models.samples import client_config_data, own_bucket_config_data, stack_outputs_data
from tests.render.test_files import _env
from tests.support.ice_stub import StubError, ice_client_for, running_ice_stub

WORKFLOW_ID = "74ba870f1a4873a3ba238e0bf6fa9c01"
RULES = [
    {"type": "image", "extensions": ["jpg", "png"], "maxSizeBytes": 1048576},
    {"type": "video", "extensions": ["mov", "mp4", "mxf"], "maxSizeBytes": 5368709120},
]


def _config(**changes: Any) -> ClientConfig:
    return ClientConfig.from_data(own_bucket_config_data(**changes))


def register_media_info_handler(seen: list[dict[str, str]]) -> Callable[[dict[str, str]], dict[str, Any]]:
    """Checks the parameters as ICE would: an InputURL, JSON UserData, and answers with a MediaId."""

    def handle(params: dict[str, str]) -> dict[str, Any]:
        if not params.get("InputURL", "").startswith(("oss://", "http://", "https://")):
            raise StubError("InvalidParameter", "InputURL is required")
        if "UserData" in params:
            UserData.from_wire(params["UserData"])
        seen.append({k: v for k, v in params.items() if k[0].isupper() and k not in _SIGNING})
        return {"RequestId": "STUB-REGISTER", "MediaId": "0020b48fb04483915d4f2cd8ac000001"}

    return handle


# The SDK's own RPC parameters (signature, version, ...), not RegisterMediaInfo's.
_SIGNING = {
    "Action",
    "Format",
    "Version",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "RegionId",
}


def _load_snippet(tmp_path: Path, config: ClientConfig) -> dict[str, Any]:
    text = render_client_config_files(config)["upload_request.py"]
    compile(text, "upload_request.py", "exec")
    path = tmp_path / "upload_request.py"
    path.write_text(text, encoding="utf-8")
    return runpy.run_path(str(path))


def test_files_json_and_determinism() -> None:
    files = render_client_config_files(_config())
    assert tuple(files) == CLIENT_CONFIG_FILES
    assert json.loads(files["client-config.json"]) == own_bucket_config_data()
    assert render_client_config_files(ClientConfig.from_json(files["client-config.json"])) == files


def test_dotenv_carries_the_bucket_and_register_parameters_and_no_create_upload_media_keys() -> None:
    env = _env(render_client_config_files(_config())[".env"])
    assert env["ICEKIT_UPLOAD_MODE"] == "own-bucket"
    assert env["ICE_OWN_BUCKET_NAME"] == "acme-dev-ice-import"
    assert env["ICE_OWN_BUCKET_PREFIX"] == "incoming/"
    assert env["ICE_OWN_BUCKET_REGION"] == "cn-shanghai"
    assert env["ICE_OWN_BUCKET_ENDPOINT"] == "oss-cn-shanghai.aliyuncs.com"
    assert env["ICE_WORKFLOW_ID"] == WORKFLOW_ID
    assert env["ICE_ALLOWED_ACTIONS"] == "ice:GetMediaInfo,ice:RegisterMediaInfo,oss:PutObject"
    assert json.loads(env["ICE_USER_DATA"]) == {
        "MessageCallback": {"CallbackURL": "https://hooks.example.com/ice"}
    }
    for vod_only in ("ICE_APP_ID", "ICE_UPLOAD_TARGET_CONFIG", "ICE_POST_PROCESS_CONFIG"):
        assert vod_only not in env
    assert "ICE_CREDENTIAL_VALIDITY_SECONDS" not in env
    assert "ICE_CALLBACK_AUTH_KEY" not in env  # a secret, not asked for


def test_dotenv_leaves_out_an_empty_prefix_and_vod_dotenv_names_its_mode() -> None:
    bucket = {"bucket": "acme", "region": "cn-shanghai", "endpoint": "oss-cn-shanghai.aliyuncs.com"}
    env = _env(render_client_config_files(_config(ownBucket=bucket, request={}))[".env"])
    assert "ICE_OWN_BUCKET_PREFIX" not in env and "ICE_WORKFLOW_ID" not in env
    vod = _env(render_client_config_files(ClientConfig.from_data(client_config_data()))[".env"])
    assert vod["ICEKIT_UPLOAD_MODE"] == "vod" and "ICE_OWN_BUCKET_NAME" not in vod


def test_snippet_builds_register_media_info_requests_the_stub_accepts(tmp_path: Path) -> None:
    snippet = _load_snippet(tmp_path, _config(fileRules=RULES))
    assert snippet["OSS_BUCKET"] == "acme-dev-ice-import" and snippet["WORKFLOW_ID"] == WORKFLOW_ID
    key = snippet["object_key"](file_type="video", name="2024/reel-01", ext="mxf", size=10)
    assert key == "incoming/2024/reel-01.mxf"
    video = snippet["build_request"](
        file_type="video", name="2024/reel-01", ext="mxf", size=10, title="Reel 1"
    )
    image = snippet["build_request"](
        file_type="image", name="still", ext="png", title="Still", tags=["a", "b"], business_type="cover"
    )
    seen: list[dict[str, str]] = []
    with running_ice_stub() as stub:
        stub.on("RegisterMediaInfo", register_media_info_handler(seen))
        client = ice_client_for(stub)
        media_ids = [client.register_media_info(request).body.media_id for request in (video, image)]
    assert media_ids == ["0020b48fb04483915d4f2cd8ac000001"] * 2
    assert seen[0] == {
        "InputURL": "oss://acme-dev-ice-import/incoming/2024/reel-01.mxf",
        "MediaType": "video",
        "Title": "Reel 1",
        "MediaTags": "archive",
        "BusinessType": "general",
        "UserData": '{"MessageCallback":{"CallbackURL":"https://hooks.example.com/ice"}}',
        "WorkflowId": WORKFLOW_ID,
    }
    # the workflow runs on video and audio only; explicit tags and business type replace the defaults
    assert seen[1]["InputURL"] == "oss://acme-dev-ice-import/incoming/still.png"
    assert "WorkflowId" not in seen[1]
    assert (seen[1]["MediaType"], seen[1]["MediaTags"], seen[1]["BusinessType"]) == ("image", "a,b", "cover")


def test_snippet_upload_placeholder_says_what_to_do(tmp_path: Path) -> None:
    snippet = _load_snippet(tmp_path, _config())
    with pytest.raises(NotImplementedError, match="OSS SDK"):
        snippet["upload_to_own_bucket"]("/tmp/clip.mp4", "incoming/clip.mp4", None)
    assert "oss2.Bucket" in snippet["upload_to_own_bucket"].__doc__


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"file_type": "audio", "name": "a", "ext": "mp3"}, "file type 'audio' is not allowed"),
        ({"file_type": "video", "name": "a", "ext": "avi"}, "extension 'avi' is not allowed for video"),
        ({"file_type": "video", "name": "a", "ext": "mp4", "size": 5368709121}, "size 5368709121 is not"),
        ({"file_type": "video", "name": "../etc/x", "ext": "mp4"}, "must be a relative object name"),
        ({"file_type": "video", "name": "/abs", "ext": "mp4"}, "must be a relative object name"),
        ({"file_type": "video", "name": "", "ext": "mp4"}, "must be a relative object name"),
    ],
)
def test_snippet_enforces_the_file_rules(tmp_path: Path, kwargs: dict[str, Any], expected: str) -> None:
    snippet = _load_snippet(tmp_path, _config())
    with pytest.raises(ValueError, match=expected):
        snippet["build_request"](title="t", **kwargs)


def test_vod_snippet_is_still_the_create_upload_media_one(tmp_path: Path) -> None:
    text = render_client_config_files(ClientConfig.from_data(client_config_data()))["upload_request.py"]
    assert "CreateUploadMediaRequest" in text and "RegisterMediaInfo" not in text


def test_stack_outputs_with_both_modes_render_every_app() -> None:
    outputs = stack_outputs_data()
    outputs["clientConfigs"]["batch-import"] = own_bucket_config_data()
    files = render_stack_outputs(parse_stack_outputs(outputs))
    assert {name.rsplit("/", 1)[0] for name in files} == {
        "dev/batch-import",
        "dev/mobile-video",
        "dev/web-images",
    }
    assert "RegisterMediaInfoRequest" in files["dev/batch-import/upload_request.py"]
