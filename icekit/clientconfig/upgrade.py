"""Reading a version "1" client configuration: it is upgraded on read to version "2" (docs/client-config.md,
"Migration from version 1"), so `icekit render` and `icekit validate` take both and write version 2.

What v2 adds, and how a v1 document gets it:
- `vpcEndpoint`: `ice-vpc.<region>.aliyuncs.com`, from the region;
- per file type, what to send after the upload: v1's one `request.PostProcessConfig` (vod) or
  `request.WorkflowId` (own-bucket) went with every audio and video upload (the v1 snippet's rule), so it
  becomes `postProcessConfigs` / `workflowIds` for each audio and video type of `fileRules` (both when
  `fileRules` is empty: v1 left the types open);
- `refreshableTypes` (vod): the audio and video types of `fileRules` when `allowedActions` has
  `ice:RefreshUploadMedia`, else none.
Only the shapes v1 had are moved; anything else is left for the v2 model to report.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from icekit.facts.regions import ice_vpc_endpoint
from icekit.facts.versions import CLIENT_CONFIG_V1, CLIENT_CONFIG_VERSION
from icekit.models.post_process_config import POST_PROCESS_FILE_TYPES
from icekit.models.problems import InvalidDocumentError, Problem

__all__ = ["REFRESH_ACTION", "media_types", "upgrade_v1"]

REFRESH_ACTION = "ice:RefreshUploadMedia"


def media_types(file_rules: Any) -> list[str] | None:
    """The audio and video types of v1 `fileRules` (sorted); None when they are not a list of rules."""
    if not isinstance(file_rules, list):
        return None
    types = {rule.get("type") for rule in file_rules if isinstance(rule, dict)}
    if not file_rules:
        return sorted(POST_PROCESS_FILE_TYPES)
    return sorted(kind for kind in POST_PROCESS_FILE_TYPES if kind in types)


def _per_type(doc: dict[str, Any], wire_key: str, doc_key: str) -> None:
    request = doc.get("request")
    if not isinstance(request, dict) or wire_key not in request:
        return
    types = media_types(doc.get("fileRules", []))
    if types is None:
        return
    if not types:
        raise InvalidDocumentError(
            [Problem(f"request.{wire_key}", "applies only to video and audio, and no fileRule allows either")]
        )
    request = dict(request)
    value = request.pop(wire_key)
    doc["request"] = request
    doc[doc_key] = {kind: value for kind in types}


def upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    """The version 2 form of a version 1 document (not yet validated)."""
    if data.get("version") != CLIENT_CONFIG_V1:
        return data
    doc = dict(data)
    doc["version"] = CLIENT_CONFIG_VERSION
    region = doc.get("region")
    if isinstance(region, str) and "vpcEndpoint" not in doc:
        with suppress(ValueError):  # a wrong region: the v2 model says so
            doc["vpcEndpoint"] = ice_vpc_endpoint(region)
    mode = doc.get("uploadMode")
    if mode == "vod":
        _per_type(doc, "PostProcessConfig", "postProcessConfigs")
        actions = doc.get("allowedActions")
        types = media_types(doc.get("fileRules", []))
        if isinstance(actions, list) and types is not None and "refreshableTypes" not in doc:
            doc["refreshableTypes"] = types if REFRESH_ACTION in actions else []
    elif mode == "own-bucket":
        _per_type(doc, "WorkflowId", "workflowIds")
    return doc
