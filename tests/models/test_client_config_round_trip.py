"""Property test: any valid ClientConfig document survives document -> model -> document -> model
unchanged, and its rendered files are byte-identical when rendered again from the re-read document."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from icekit.clientconfig import ClientConfig
from icekit.facts.regions import ice_vpc_endpoint
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
    media = sorted(rule["type"] for rule in rules if rule["type"] in ("video", "audio"))
    # per file type (v2): any subset of the app's audio and video types gets a workflow
    processed = draw(st.lists(st.sampled_from(media), unique=True).map(sorted)) if media else []
    post_process = {
        kind: '{"ProcessType":"Workflow","ProcessID":"74ba870f1a4873a3ba238e0bf6fa9c01"}'
        for kind in processed
    }
    actions = sorted(
        {
            "ice:CreateUploadMedia",
            *draw(st.sets(st.sampled_from(["ice:GetMediaInfo", "ice:RefreshUploadMedia"]))),
        }
    )
    refreshable = media if "ice:RefreshUploadMedia" in actions else []
    callback = draw(
        st.none()
        | st.just(
            {"kind": "http", "url": "https://hooks.example.com/ice", "authEnabled": True, "queueName": None}
        )
        | st.just({"kind": "mns", "url": None, "authEnabled": False, "queueName": "ice-callback-q"})
    )
    document = {
        "version": "2",
        "uploadMode": "vod",
        "stack": draw(_name),
        "app": app,
        "region": region,
        "endpoint": ice_endpoint(region),
        "vpcEndpoint": ice_vpc_endpoint(region),
        "roleArn": f"acs:ram::{draw(st.integers(min_value=10**11, max_value=10**16))}:role/icekit-{app}",
        "roleSessionName": f"icekit-{app}"[:64],
        "appId": f"app-{draw(st.integers(min_value=0, max_value=10**9))}",
        "entityId": draw(st.none() | st.from_regex(r"[0-9a-f]{32}", fullmatch=True)),
        "allowedActions": actions,
        "request": request,
        "postProcessConfigs": post_process,
        "mediaDefaults": {
            "businessType": "general",
            "tags": draw(
                st.lists(st.text(alphabet="abcxyz-_ ", min_size=1, max_size=8).filter(str.strip), max_size=3)
            ),
            "cateId": draw(st.none() | st.integers(min_value=0, max_value=10**6)),
        },
        "fileRules": sorted(rules, key=lambda rule: rule["type"]),
        "refreshableTypes": refreshable,
        "callback": callback,
        "credentialValiditySeconds": draw(st.integers(min_value=1, max_value=43200)),
    }
    if draw(st.booleans()):
        document = _as_own_bucket(draw, document, region, app)
    return document


def _as_own_bucket(draw: st.DrawFn, vod: dict[str, Any], region: str, app: str) -> dict[str, Any]:
    """The same app uploading to its own bucket: no CreateUploadMedia keys, RegisterMediaInfo's request."""
    dropped = ("appId", "entityId", "credentialValiditySeconds", "postProcessConfigs", "refreshableTypes")
    document = {k: v for k, v in vod.items() if k not in dropped}
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
    document["request"] = request
    workflows = {kind: "74ba870f1a4873a3ba238e0bf6fa9c01" for kind in vod["postProcessConfigs"]}
    # contract order: workflowIds right after request
    return {
        **{k: v for k, v in document.items() if k in _BEFORE_WORKFLOW_IDS},
        "workflowIds": workflows,
        **{k: v for k, v in document.items() if k not in _BEFORE_WORKFLOW_IDS},
    }


_BEFORE_WORKFLOW_IDS = (
    "version", "uploadMode", "stack", "app", "region", "endpoint", "vpcEndpoint", "roleArn",
    "roleSessionName",
    "allowedActions", "ownBucket", "request",
)  # fmt: skip


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
