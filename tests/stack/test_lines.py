"""LineIndex: the line of a key path in a stack file (from the parse that read it) or a JSON policy file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from icekit.stack import LineIndex, StackFile
from tests.check.plan_fixture import LINES, STACK_FILE


def _stack_lines(tmp_path: Path) -> LineIndex:
    path = tmp_path / "Pulumi.dev.yaml"
    path.write_text(STACK_FILE, encoding="utf-8")
    return StackFile.read(path).lines


@pytest.mark.parametrize(("path", "line"), sorted(LINES.items()))
def test_stack_file_lines(tmp_path: Path, path: str, line: int) -> None:
    assert _stack_lines(tmp_path).line_of(path) == line


def test_deeper_and_missing_paths(tmp_path: Path) -> None:
    locator = _stack_lines(tmp_path)
    assert locator.line_of("icekit:apps[0].callback") == 17
    assert locator.line_of("icekit:apps[7]") == 14  # the deepest part that exists: `icekit:apps`
    assert locator.line_of("icekit:nothing") is None
    assert locator.line_of(None) is None


def test_json_statements() -> None:
    text = json.dumps({"Version": "1", "Statement": [{"Effect": "Allow"}, {"Effect": "Deny"}]}, indent=2)
    locator = LineIndex.of_text(text)
    assert locator.line_of("Statement[1]") == text.splitlines().index("    {", 5) + 1


def test_unparsable_text_has_no_lines() -> None:
    assert LineIndex.of_text("a: [unclosed").line_of("a") is None


def test_keys_without_a_namespace_are_indexed_under_the_project_namespace(tmp_path: Path) -> None:
    path = tmp_path / "Pulumi.dev.yaml"
    path.write_text("config:\n  alicloud:region: cn-shanghai\n  apps:\n    - name: web\n", encoding="utf-8")
    lines = StackFile.read(path).lines
    assert (lines.line_of("icekit:apps[0].name"), lines.line_of("alicloud:region")) == (4, 2)


def test_the_index_survives_a_json_round_trip(tmp_path: Path) -> None:
    lines = _stack_lines(tmp_path)
    assert LineIndex.model_validate_json(lines.model_dump_json()) == lines
