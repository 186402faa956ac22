"""Property test: any valid ClientConfig document survives document -> model -> document -> model
unchanged, and its rendered files are byte-identical when rendered again from the re-read document."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from icekit.clientconfig import ClientConfig
from icekit.models import EXTENSIONS_BY_TYPE, SUPPORTED_REGIONS, ice_endpoint
from icekit.render import render_client_config_files

_name = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True)


@st.composite
def file_rules(draw: st.DrawFn) -> list[dict[str, Any]]:
    types = draw(st.lists(st.sampled_from(["video", "image", "audio", "text"]), unique=True, max_size=4))
    rules = []
    for file_type in types:
        exts = draw(
            st.lists(st.sampled_from(EXTENSIONS_BY_TYPE[file_type]), min_size=1, max_size=4, unique=True)
        )
        limit = 5 * 1024**3 if file_type in ("video", "audio") else 2**40
        size = draw(st.none() | st.integers(min_value=1, max_value=limit))
        rules.append({"type": file_type, "extensions": exts, "maxSizeBytes": size})
    return rules


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    region = draw(st.sampled_from(SUPPORTED_REGIONS))
    app = draw(_name)
    rules = draw(file_rules())
    request: dict[str, str] = {}
    if draw(st.booleans()):
        location = f"outin-{draw(_name).replace('-', '')}x.oss-{region}.aliyuncs.com"
        request["UploadTargetConfig"] = f'{{"StorageType":"oss","StorageLocation":"{location}"}}'
    if any(rule["type"] in ("video", "audio") for rule in rules) and draw(st.booleans()):
        request["PostProcessConfig"] = (
            '{"ProcessType":"Workflow","ProcessID":"74ba870f1a4873a3ba238e0bf6fa9c01"}'
        )
    callback = draw(
        st.none()
        | st.just(
            {"kind": "http", "url": "https://hooks.example.com/ice", "authEnabled": True, "queueName": None}
        )
        | st.just({"kind": "mns", "url": None, "authEnabled": False, "queueName": "ice-callback-q"})
    )
    document = {
        "version": "1",
        "uploadMode": "vod",
        "stack": draw(_name),
        "app": app,
        "region": region,
        "endpoint": ice_endpoint(region),
        "roleArn": f"acs:ram::{draw(st.integers(min_value=10**11, max_value=10**16))}:role/icekit-{app}",
        "roleSessionName": f"icekit-{app}"[:64],
        "appId": f"app-{draw(st.integers(min_value=0, max_value=10**9))}",
        "entityId": draw(st.none() | st.from_regex(r"[0-9a-f]{32}", fullmatch=True)),
        "allowedActions": sorted(
            {
                "ice:CreateUploadMedia",
                *draw(st.sets(st.sampled_from(["ice:GetMediaInfo", "ice:RefreshUploadMedia"]))),
            }
        ),
        "request": request,
        "mediaDefaults": {
            "businessType": "general",
            "tags": draw(
                st.lists(st.text(alphabet="abcxyz-_ ", min_size=1, max_size=8).filter(str.strip), max_size=3)
            ),
            "cateId": draw(st.none() | st.integers(min_value=0, max_value=10**6)),
        },
        "fileRules": sorted(rules, key=lambda rule: rule["type"]),
        "callback": callback,
        "credentialValiditySeconds": draw(st.integers(min_value=1, max_value=43200)),
    }
    if draw(st.booleans()):
        document = _as_own_bucket(draw, document, region, app)
    return document


def _as_own_bucket(draw: st.DrawFn, vod: dict[str, Any], region: str, app: str) -> dict[str, Any]:
    """The same app uploading to its own bucket: no CreateUploadMedia keys, RegisterMediaInfo's request."""
    document = {k: v for k, v in vod.items() if k not in ("appId", "entityId", "credentialValiditySeconds")}
    document["uploadMode"] = "own-bucket"
    document["allowedActions"] = sorted(
        {
            "ice:RegisterMediaInfo",
            "oss:PutObject",
            *(a for a in vod["allowedActions"] if a != "ice:CreateUploadMedia"),
        }
    )
    document["ownBucket"] = {
        "bucket": f"b-{app}",
        "prefix": draw(st.sampled_from(["", "incoming/", "a/b/"])),
        "region": region,
        "endpoint": f"oss-{region}.aliyuncs.com",
    }
    request: dict[str, str] = {}
    if draw(st.booleans()):
        request["UserData"] = '{"MessageCallback":{"CallbackURL":"https://hooks.example.com/ice"}}'
    if "PostProcessConfig" in vod["request"]:
        request["WorkflowId"] = "74ba870f1a4873a3ba238e0bf6fa9c01"
    document["request"] = request
    return document


@settings(max_examples=40, deadline=None)
@given(documents())
def test_documents_round_trip_and_render_identically(document: dict[str, Any]) -> None:
    for rule in document["fileRules"]:
        rule["extensions"] = sorted(rule["extensions"])
    config = ClientConfig.from_data(document)
    assert config.to_data() == document
    again = ClientConfig.from_json(config.to_json())
    assert again == config
    assert render_client_config_files(again) == render_client_config_files(config)
