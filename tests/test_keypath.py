"""The one key-path joiner and its parser (icekit.keypath)."""

from __future__ import annotations

import pytest

from icekit.keypath import join_key_path, parse_key_path


@pytest.mark.parametrize(
    ("root", "parts", "expected"),
    [
        ("icekit:apps", [1, "callback"], "icekit:apps[1].callback"),
        ("icekit:storage", ["vod-main", "location"], "icekit:storage.vod-main.location"),
        ("", ["fileRules", 0, "type"], "fileRules[0].type"),
        ("clientConfigs.web", ["[0].type"], "clientConfigs.web[0].type"),
        ("clientConfigs.web", ["fileRules[0]"], "clientConfigs.web.fileRules[0]"),
        ("fileRules", ["[video]", "maxSizeBytes"], "fileRules[video].maxSizeBytes"),
        ("icekit", [""], "icekit"),
        ("", [], ""),
    ],
)
def test_join(root: str, parts: list[str | int], expected: str) -> None:
    assert join_key_path(root, parts) == expected


def test_parse_reads_back_what_join_builds() -> None:
    parts: list[str | int] = ["icekit:apps", 2, "conditions", "sourceIp", 0]
    assert parse_key_path(join_key_path(str(parts[0]), parts[1:])) == parts


def test_parse_key_path() -> None:
    assert parse_key_path("icekit:apps[1].callback") == ["icekit:apps", 1, "callback"]
    assert parse_key_path("icekit:storage.import-bucket") == ["icekit:storage", "import-bucket"]
    assert parse_key_path("Statement[0]") == ["Statement", 0]


def test_join_and_nest() -> None:
    assert join_key_path("icekit:apps", [1, "callback"]) == "icekit:apps[1].callback"
    assert join_key_path("", ["fileRules", 0, "extensions"]) == "fileRules[0].extensions"
    assert join_key_path("clientConfigs.web", ["[0]"]) == "clientConfigs.web[0]"
    assert join_key_path("", ["a"]) == "a" and join_key_path("a", [""]) == "a"
    for path in ("icekit:apps[1].callback", "Statement[0]", "icekit:storage.vod-main.location"):
        parts = parse_key_path(path)
        assert join_key_path("", parts) == path
