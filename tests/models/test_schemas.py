"""The published JSON Schemas: well-formed draft 2020-12, equal to the committed files, and in agreement with
the models on valid and invalid documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from icekit.clientconfig.schemas import SCHEMA_KINDS, all_schema_texts, schema_for
from tests.models.samples import (
    FILE_INFO_EXAMPLE,
    MEDIA_METADATA_EXAMPLE,
    POST_PROCESS_EXAMPLE,
    UPLOAD_TARGET_EXAMPLE,
    USER_DATA_EXAMPLE,
    client_config_data,
    client_config_v1_data,
    own_bucket_config_data,
    own_bucket_config_v1_data,
)

COMMITTED = Path(__file__).resolve().parents[2] / "schemas"


def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema_for(kind))


def test_committed_schemas_equal_what_the_code_generates() -> None:
    generated = all_schema_texts()
    committed = {path.name: path.read_text(encoding="utf-8") for path in COMMITTED.glob("*.json")}
    assert committed == generated, "schemas/ drifted: run `icekit schema --out schemas`"


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schemas_are_draft_2020_12_with_id_and_no_unknown_keys(kind: str) -> None:
    schema = schema_for(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    expected_id = {
        "client-config": "https://icekit.dev/schemas/client-config/v2.json",
        "client-config-v1": "https://icekit.dev/schemas/client-config/v1.json",
    }.get(kind, f"https://icekit.dev/schemas/{kind}/v1.json")
    assert schema["$id"] == expected_id
    if kind.startswith("client-config"):  # oneOf the upload modes, each a closed object
        branches = [schema["$defs"][b["$ref"].rsplit("/", 1)[1]] for b in schema["oneOf"]]
        assert len(branches) == 2
        assert all(branch["additionalProperties"] is False for branch in branches)
    else:
        assert schema["additionalProperties"] is False


@pytest.mark.parametrize(("kind", "version"), [("client-config", "2"), ("client-config-v1", "1")])
def test_client_config_version_and_upload_mode_are_required_constants(kind: str, version: str) -> None:
    schema = schema_for(kind)
    assert schema["properties"]["version"]["const"] == version
    assert schema["required"] == ["version", "uploadMode"]
    assert "discriminator" not in schema  # OpenAPI, not draft 2020-12
    modes = {}
    for ref in schema["oneOf"]:
        branch = schema["$defs"][ref["$ref"].rsplit("/", 1)[1]]
        assert branch["properties"]["version"] == {"const": version, "type": "string"}
        assert branch["required"][:2] == ["version", "uploadMode"]
        modes[branch["properties"]["uploadMode"]["const"]] = set(branch["properties"])
    assert set(modes) == {"vod", "own-bucket"}
    assert {"appId", "credentialValiditySeconds"} <= modes["vod"] - modes["own-bucket"]
    # v2: an own-bucket app's workflows are per type (workflowIds); a VOD app's are postProcessConfigs
    assert modes["own-bucket"] - modes["vod"] == (
        {"ownBucket"} if version == "1" else {"ownBucket", "workflowIds"}
    )


@pytest.mark.parametrize(
    ("kind", "wire"),
    [
        ("file-info", FILE_INFO_EXAMPLE),
        ("media-metadata", MEDIA_METADATA_EXAMPLE),
        ("upload-target-config", UPLOAD_TARGET_EXAMPLE),
        ("user-data", USER_DATA_EXAMPLE),
        ("post-process-config", POST_PROCESS_EXAMPLE),
        ("client-config", json.dumps(client_config_data())),
        ("client-config", json.dumps(own_bucket_config_data())),
        ("client-config", json.dumps(own_bucket_config_data(request={}, callback=None))),
        ("client-config-v1", json.dumps(client_config_v1_data())),
        ("client-config-v1", json.dumps(own_bucket_config_v1_data())),
    ],
)
def test_valid_examples_pass_the_schema(kind: str, wire: str) -> None:
    errors = list(_validator(kind).iter_errors(json.loads(wire)))
    assert errors == []


@pytest.mark.parametrize(
    ("kind", "document"),
    [
        ("file-info", {"Type": "video", "Name": "a", "Ext": "exe"}),
        ("file-info", {"Type": "image", "Name": "a", "Ext": "MP4"}),
        ("file-info", {"Type": "audio", "Name": "a", "Ext": "mp3", "Size": 5 * 1024**3 + 1}),
        ("file-info", {"Type": "video", "Name": "a", "Ext": "mp4", "Color": "red"}),
        ("media-metadata", {"Title": "t" * 129, "BusinessType": "general"}),
        ("media-metadata", {"Title": "t", "BusinessType": "intro"}),
        ("upload-target-config", {"StorageType": "oss", "StorageLocation": "b.oss-cn-shanghai.aliyuncs.com"}),
        (
            "upload-target-config",
            {"StorageType": "oss", "StorageLocation": "outin-1.oss-cn-hangzhou.aliyuncs.com"},
        ),
        ("post-process-config", {"ProcessType": "Transcode", "ProcessID": "x"}),
        ("client-config", client_config_data(version="1")),
        ("client-config-v1", client_config_data()),
        ("client-config", {k: v for k, v in client_config_data().items() if k != "version"}),
        ("client-config", client_config_data(extra=True)),
        ("client-config", {k: v for k, v in client_config_data().items() if k != "uploadMode"}),
        ("client-config", client_config_data(uploadMode="own-bucket")),
        ("client-config", client_config_data(uploadMode="oss")),
        ("client-config", own_bucket_config_data(uploadMode="vod")),
        ("client-config", own_bucket_config_data(appId="app-1000000")),
        ("client-config", own_bucket_config_data(request={"UploadTargetConfig": UPLOAD_TARGET_EXAMPLE})),
        ("client-config", own_bucket_config_data(request={"WorkflowId": "not-a-workflow"})),
        ("client-config", {k: v for k, v in own_bucket_config_data().items() if k != "ownBucket"}),
        ("client-config", own_bucket_config_data(ownBucket={"bucket": "acme", "region": "cn-shanghai"})),
    ],
)
def test_invalid_documents_fail_the_schema(kind: str, document: dict[str, Any]) -> None:
    assert list(_validator(kind).iter_errors(document)) != []


def test_extension_patterns_accept_any_case() -> None:
    validator = _validator("file-info")
    assert validator.is_valid({"Type": "video", "Name": "a", "Ext": "Mp4"})
    assert validator.is_valid({"Type": "other", "Name": "a", "Ext": "whatever"})


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for item in node for p in _patterns(item)]
    return []


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_patterns_use_only_syntax_that_ecma_262_shares_with_python(kind: str) -> None:
    # JSON Schema patterns are ECMA-262 regexes: no inline flags, no identity escapes like `\-`.
    for pattern in _patterns(schema_for(kind)):
        assert "(?" not in pattern and "\\-" not in pattern, pattern
