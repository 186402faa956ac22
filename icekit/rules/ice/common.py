"""What the ICE5xx rules read from UploadProfile and storage resources."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from icekit.json_input import parse_json
from icekit.rules.values import is_opaque, prop_str
from icekit.rules.view import ResourceView

__all__ = [
    "AUDIO_VIDEO",
    "file_types",
    "location_region",
    "post_process",
    "typed_post_processes",
    "typed_workflows",
]

AUDIO_VIDEO = frozenset({"audio", "video"})
_LOCATION_REGION = re.compile(r"\.oss-([a-z]+-[a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$")


def file_types(view: ResourceView) -> set[str]:
    """The app's file types from `fileTypes`: ["video"] (UploadProfile), {type: rule} or [{type: ...}]."""
    value = view.props.get("fileTypes")
    if isinstance(value, Mapping):
        return {str(key) for key in value}
    # CrossGuard hands lists as a Sequence proxy, not a list
    if isinstance(value, Sequence) and not isinstance(value, str):
        types: set[str] = set()
        for item in value:
            if isinstance(item, str):  # UploadProfile's shape: ["video", ...]
                types.add(item)
            elif isinstance(item, Mapping) and "type" in item:
                types.add(str(item["type"]))
        return types
    return set()


def post_process(view: ResourceView) -> Mapping[str, Any] | str | None:
    """The decoded PostProcessConfig (a mapping), the raw string when it is not JSON, or None when absent."""
    return _decoded(view.props.get("postProcessConfig"))


def typed_post_processes(view: ResourceView) -> dict[str, Mapping[str, Any] | str]:
    """`postProcessConfigs` (file type -> PostProcessConfig), each decoded like `post_process`."""
    value = view.props.get("postProcessConfigs")
    if not isinstance(value, Mapping):
        return {}
    decoded = {str(kind): _decoded(raw) for kind, raw in value.items()}
    return {kind: config for kind, config in sorted(decoded.items()) if config is not None}


def typed_workflows(view: ResourceView) -> dict[str, str]:
    """`workflows` (file type -> workflow name) of an UploadProfile."""
    value = view.props.get("workflows")
    if not isinstance(value, Mapping):
        return {}
    return {str(kind): name for kind, name in sorted(value.items()) if isinstance(name, str)}


def _decoded(raw: Any) -> Mapping[str, Any] | str | None:
    if raw is None or is_opaque(raw) or raw == "":
        return None
    if isinstance(raw, Mapping):
        return raw
    if isinstance(raw, str):
        try:
            decoded = parse_json(raw)
        except ValueError:
            return raw
        return decoded if isinstance(decoded, Mapping) else raw
    return None


def location_region(view: ResourceView) -> str | None:
    """The region in `outin-....oss-<region>.aliyuncs.com`."""
    location = prop_str(view.props, "storageLocation")
    if location is None:
        return None
    match = _LOCATION_REGION.search(location)
    return match.group(1) if match else None
