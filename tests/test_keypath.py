"""icekit.keypath: one joiner and one parser of key paths."""

from __future__ import annotations

from icekit.keypath import join_path, nest_path, parse_key_path


def test_parse_key_path() -> None:
    assert parse_key_path("icekit:apps[1].callback") == ["icekit:apps", 1, "callback"]
    assert parse_key_path("icekit:storage.import-bucket") == ["icekit:storage", "import-bucket"]
    assert parse_key_path("Statement[0]") == ["Statement", 0]


def test_join_and_nest() -> None:
    assert join_path("icekit:apps", [1, "callback"]) == "icekit:apps[1].callback"
    assert join_path("", ["fileRules", 0, "extensions"]) == "fileRules[0].extensions"
    assert nest_path("clientConfigs.web", "[0]") == "clientConfigs.web[0]"
    assert nest_path("", "a") == "a" and nest_path("a", "") == "a"
    for path in ("icekit:apps[1].callback", "Statement[0]", "icekit:storage.vod-main.location"):
        parts = parse_key_path(path)
        assert join_path("", parts) == path
