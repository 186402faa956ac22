"""The ICE RAM actions, shipped as data (icekit/data/ice_ram_actions.json).

Source: the official SDK `alibabacloud-ice20201109`: every OpenAPI operation in its `client.py` is called with
`action = '<Action>'`, and RAM authorizes each as `ice:<Action>`. tools/gen_ice_ram_actions.py regenerates
the file;
tests/rules/test_ice_actions.py keeps it equal to the installed SDK.
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "DATA_FILE",
    "ICE_SERVICE",
    "actions_from_sdk",
    "actions_from_sdk_source",
    "canonical_ice_action",
    "ice_actions",
    "ice_actions_document",
]

ICE_SERVICE = "ice"
DATA_FILE = "ice_ram_actions.json"
_SDK_PACKAGE = "alibabacloud_ice20201109"
_ACTION_RE = re.compile(r"\baction\s*=\s*'([A-Za-z0-9]+)'")


def actions_from_sdk_source(source: str) -> list[str]:
    """`ice:<Action>` for every `action = '<Action>'` in an SDK client source, sorted and unique."""
    return sorted({f"{ICE_SERVICE}:{name}" for name in _ACTION_RE.findall(source)})


def _sdk_client_path() -> Path:
    spec = importlib.util.find_spec(_SDK_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"the SDK package {_SDK_PACKAGE} is not installed")
    return Path(spec.origin).parent / "client.py"


def _sdk_version() -> str:
    from importlib.metadata import version

    return version("alibabacloud-ice20201109")


def actions_from_sdk() -> dict[str, Any]:
    """The document icekit/data/ice_ram_actions.json holds, derived from the installed SDK."""
    actions = actions_from_sdk_source(_sdk_client_path().read_text(encoding="utf-8"))
    return {
        "service": ICE_SERVICE,
        "source": (
            "Derived from the official Alibaba Cloud SDK alibabacloud-ice20201109 (API version 2020-11-09): "
            "each OpenAPI operation in alibabacloud_ice20201109/client.py is authorized by RAM as "
            "ice:<Action>. "
            "Regenerate with tools/gen_ice_ram_actions.py."
        ),
        "sdkPackage": "alibabacloud-ice20201109",
        "sdkVersion": _sdk_version(),
        "actions": actions,
    }


@cache
def ice_actions_document() -> dict[str, Any]:
    text = resources.files("icekit").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def ice_actions() -> frozenset[str]:
    return frozenset(ice_actions_document()["actions"])


@cache
def _by_lower() -> dict[str, str]:
    return {action.lower(): action for action in ice_actions()}


def canonical_ice_action(action: str) -> str | None:
    """The known spelling of `action` compared case-insensitively, or None if ICE has no such action."""
    return _by_lower().get(action.lower())
