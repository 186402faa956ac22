"""icekit/data/ice_ram_actions.json matches the installed SDK (regenerate: tools/gen_ice_ram_actions.py)."""

from __future__ import annotations

from icekit.ram.ice_actions import canonical_ice_action, ice_actions_document
from tools.gen_ice_ram_actions import actions_from_sdk, actions_from_sdk_source


def test_data_matches_installed_sdk() -> None:
    shipped = ice_actions_document()
    derived = actions_from_sdk()
    assert shipped["actions"] == derived["actions"]
    assert shipped["sdkVersion"] == derived["sdkVersion"]


def test_upload_path_actions_are_known() -> None:
    for action in (
        "ice:CreateUploadMedia",
        "ice:RefreshUploadMedia",
        "ice:GetMediaInfo",
        "ice:SetEventCallback",
    ):
        assert canonical_ice_action(action) == action
    assert canonical_ice_action("ice:createUPLOADmedia") == "ice:CreateUploadMedia"
    assert canonical_ice_action("ice:CreateUploadMedias") is None


def test_extraction_from_source() -> None:
    source = "params = Params(\n    action = 'B',\n)\nparams = Params(action='A')\nother = 'C'\n"
    assert actions_from_sdk_source(source) == ["ice:A", "ice:B"]
