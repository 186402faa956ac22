"""The published JSON Schemas (draft 2020-12): the five JSON-string snippets, ClientConfig v2 and, for the
version 1 documents icekit still reads (upgraded on read), ClientConfig v1 (derived from v2: the keys v2 added
go, v1's `request.PostProcessConfig` / `request.WorkflowId` come back).

A snippet's schema describes the JSON object inside the wire string. Rules across fields that JSON Schema
expresses (extension per type, 5 GB for audio/video) are added as `allOf` if/then; the models stay the
authority.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from icekit.clientconfig.model import UPLOAD_MODES, client_config_json_schema
from icekit.facts.file_types import MAX_MEDIA_SIZE_BYTES, SIZE_LIMITED_TYPES
from icekit.facts.formats import EXTENSIONS_BY_TYPE, OTHER_EXTENSION_MAX
from icekit.facts.ids import WORKFLOW_ID_PATTERN
from icekit.facts.limits import TAGS_MAX_COUNT
from icekit.facts.versions import CLIENT_CONFIG_V1, CLIENT_CONFIG_VERSION, schema_id
from icekit.models.snippets import SNIPPET_KINDS, snippet_model

__all__ = [
    "DRAFT",
    "SCHEMA_KINDS",
    "all_schema_texts",
    "schema_for",
    "schema_text",
    "write_schemas",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_KINDS: tuple[str, ...] = (*SNIPPET_KINDS, "client-config", "client-config-v1")
# kind -> (the `$id`'s kind, its version): both client configuration schemas are versions of one document.
_IDS = {
    "client-config": ("client-config", CLIENT_CONFIG_VERSION),
    "client-config-v1": ("client-config", CLIENT_CONFIG_V1),
}
# What version 2 added to each mode; v1's schema has none of it.
_V2_KEYS = ("vpcEndpoint", "postProcessConfigs", "refreshableTypes", "workflowIds")

_DESCRIPTIONS = {
    "file-info": "CreateUploadMedia FileInfo: the JSON object inside the wire string.",
    "media-metadata": "CreateUploadMedia MediaMetaData: the JSON object inside the wire string.",
    "upload-target-config": "CreateUploadMedia UploadTargetConfig: the JSON object inside the wire string.",
    "user-data": "CreateUploadMedia UserData: the JSON object inside the wire string.",
    "post-process-config": "CreateUploadMedia PostProcessConfig: the JSON object inside the wire string.",
    "client-config": "icekit client configuration, version 2: what an upload server needs to upload for one "
    "app, either with CreateUploadMedia (uploadMode vod) or to its own OSS bucket followed by "
    "RegisterMediaInfo (uploadMode own-bucket).",
    "client-config-v1": "icekit client configuration, version 1 (still read: icekit upgrades it on read to "
    "version 2, docs/client-config.md).",
}


def _case_insensitive(ext: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in ext)


def _file_info_rules() -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for file_type, exts in EXTENSIONS_BY_TYPE.items():
        if exts:
            pattern = "^(" + "|".join(_case_insensitive(e) for e in exts) + ")$"
        else:  # `other`: no published list, icekit's rule (icekit.facts.formats.OTHER_EXTENSION_PATTERN)
            pattern = f"^[A-Za-z0-9]{{1,{OTHER_EXTENSION_MAX}}}$"
        rules.append(
            {
                "if": {"properties": {"Type": {"const": file_type}}, "required": ["Type"]},
                "then": {"properties": {"Ext": {"pattern": pattern}}},
            }
        )
    for file_type in sorted(SIZE_LIMITED_TYPES):
        rules.append(
            {
                "if": {"properties": {"Type": {"const": file_type}}, "required": ["Type"]},
                "then": {"properties": {"Size": {"maximum": MAX_MEDIA_SIZE_BYTES}}},
            }
        )
    return rules


def _drop_property_titles(node: Any) -> None:
    # pydantic titles every property after its name ("Storagetype"); they add noise, not meaning.
    if isinstance(node, dict):
        for prop in (node.get("properties") or {}).values():
            if isinstance(prop, dict):
                prop.pop("title", None)
        for value in node.values():
            _drop_property_titles(value)
    elif isinstance(node, list):
        for item in node:
            _drop_property_titles(item)


def _client_config_schema() -> dict[str, Any]:
    """`oneOf` the two modes' closed objects; the top level names the keys that pick the branch, so a wrong
    `version` or `uploadMode` gets one clear error instead of one per branch."""
    body = client_config_json_schema()
    # `discriminator` is an OpenAPI keyword, not draft 2020-12: the branches' `uploadMode` consts do its job.
    body.pop("discriminator", None)
    for branch in body["oneOf"]:
        definition = body["$defs"][branch["$ref"].removeprefix("#/$defs/")]
        definition["required"] = [
            "version",
            "uploadMode",
            *[k for k in definition.get("required", []) if k not in ("version", "uploadMode")],
        ]
        for key in ("version", "uploadMode"):  # required constants: a default would only mislead
            definition["properties"][key].pop("default", None)
    return {
        "title": f"icekit client configuration v{CLIENT_CONFIG_VERSION}",
        "type": "object",
        "properties": {
            "version": {"const": CLIENT_CONFIG_VERSION},
            "uploadMode": {"enum": list(UPLOAD_MODES)},
        },
        "required": ["version", "uploadMode"],
        **body,
    }


def _client_config_v1_schema() -> dict[str, Any]:
    """Version 1: v2's schema without the keys v2 added, with the static PostProcessConfig / WorkflowId."""
    schema = _client_config_schema()
    schema["title"] = f"icekit client configuration v{CLIENT_CONFIG_V1}"
    schema["properties"]["version"] = {"const": CLIENT_CONFIG_V1}
    defs = schema["$defs"]
    for name in ("VodClientConfig", "OwnBucketClientConfig"):
        branch = defs[name]
        branch["title"] = branch["title"].replace(f"v{CLIENT_CONFIG_VERSION}", f"v{CLIENT_CONFIG_V1}")
        branch["properties"]["version"] = {"const": CLIENT_CONFIG_V1, "type": "string"}
        for key in _V2_KEYS:
            branch["properties"].pop(key, None)
        branch["required"] = [key for key in branch["required"] if key not in _V2_KEYS]
    optional_string = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
    defs["StaticRequest"]["properties"]["PostProcessConfig"] = optional_string
    defs["StaticRequest"]["description"] = (
        'uploadMode "vod": the wire strings of the static CreateUploadMedia parameters, ready to send '
        "(version 1: one PostProcessConfig, sent with audio and video uploads)."
    )
    defs["OwnBucketRequest"]["description"] = (
        'uploadMode "own-bucket": the static RegisterMediaInfo parameters, ready to send (version 1: '
        "UserData and one WorkflowId, sent with audio and video registrations)."
    )
    defs["OwnBucketRequest"]["properties"]["WorkflowId"] = {
        "anyOf": [{"type": "string", "pattern": WORKFLOW_ID_PATTERN}, {"type": "null"}],
        "default": None,
    }
    return schema


def schema_for(kind: str) -> dict[str, Any]:
    if kind == "client-config":
        body = _client_config_schema()
    elif kind == "client-config-v1":
        body = _client_config_v1_schema()
    else:
        model: type[BaseModel] = snippet_model(kind)
        body = model.model_json_schema(mode="validation")
    _drop_property_titles(body)
    if kind == "file-info":
        body["allOf"] = _file_info_rules()
    if kind == "media-metadata":
        body["properties"]["Tags"] = {
            "description": "Comma-separated tags (the wire form); an array of tags is accepted too.",
            "anyOf": [
                {"type": "string", "pattern": rf"^[^,]+(,[^,]+){{0,{TAGS_MAX_COUNT - 1}}}$"},
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": "^[^,]+$"},
                    "minItems": 1,
                    "maxItems": TAGS_MAX_COUNT,
                },
            ],
        }
    return {
        "$schema": DRAFT,
        "$id": schema_id(*_IDS.get(kind, (kind,))),
        "description": _DESCRIPTIONS[kind],
        **body,
    }


def schema_text(kind: str) -> str:
    """Deterministic file text of a schema."""
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


def all_schema_texts() -> dict[str, str]:
    """file name -> text, e.g. `file-info.json`."""
    return {f"{kind}.json": schema_text(kind) for kind in SCHEMA_KINDS}


def write_schemas(out_dir: str | Path) -> list[Path]:
    from icekit.render.atomic import write_files_atomically

    files = all_schema_texts()
    write_files_atomically(Path(out_dir), files)
    return [Path(out_dir) / name for name in files]
