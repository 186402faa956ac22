"""The ICE RAM actions, shipped as data (icekit/data/ice_ram_actions.json).

Source: the official SDK `alibabacloud-ice20201109`: every OpenAPI operation in its `client.py` is called with
`action = '<Action>'`, and RAM authorizes each as `ice:<Action>`. tools/gen_ice_ram_actions.py regenerates
the file from the installed SDK; tests/ram/test_ice_actions.py keeps the two equal.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["DATA_FILE", "ICE_SERVICE", "canonical_ice_action", "ice_actions", "ice_actions_document"]

ICE_SERVICE = "ice"
DATA_FILE = "ice_ram_actions.json"


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
