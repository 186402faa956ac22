from __future__ import annotations

import json

import pytest

from icekit.check.locate import Locator, parse_key_path
from tests.check.plan_fixture import LINES, STACK_FILE


def test_parse_key_path() -> None:
    assert parse_key_path("icekit:apps[1].callback") == ["icekit:apps", 1, "callback"]
    assert parse_key_path("icekit:storage.import-bucket") == ["icekit:storage", "import-bucket"]
    assert parse_key_path("Statement[0]") == ["Statement", 0]


@pytest.mark.parametrize(("path", "line"), sorted(LINES.items()))
def test_stack_file_lines(path: str, line: int) -> None:
    assert Locator.from_text(STACK_FILE, prefix=("config",)).line_of(path) == line


def test_deeper_and_missing_paths() -> None:
    locator = Locator.from_text(STACK_FILE, prefix=("config",))
    assert locator.line_of("icekit:apps[0].callback") == 17
    assert locator.line_of("icekit:apps[7]") == 14  # the deepest part that exists: `icekit:apps`
    assert locator.line_of("icekit:nothing") is None
    assert locator.line_of(None) is None


def test_json_statements() -> None:
    text = json.dumps({"Version": "1", "Statement": [{"Effect": "Allow"}, {"Effect": "Deny"}]}, indent=2)
    locator = Locator.from_text(text)
    assert locator.line_of("Statement[1]") == text.splitlines().index("    {", 5) + 1


def test_unparsable_text_has_no_lines() -> None:
    assert Locator.from_text("a: [unclosed").line_of("a") is None
