"""Stack and project files that are not text or not files: exit 2 naming the file, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from icekit.errors import UserInputError
from icekit.plan import run_plan
from tests.support.cli import run_icekit


def _append_latin1(path: Path) -> None:
    with path.open("ab") as handle:
        handle.write(b"# caf\xe9\n")  # Latin-1 e-acute: not UTF-8


def test_non_utf8_stack_file(project: Path) -> None:
    stack_file = project / "stacks" / "Pulumi.dev.yaml"
    lines = stack_file.read_bytes().count(b"\n")
    _append_latin1(stack_file)
    with pytest.raises(UserInputError) as caught:
        run_plan("dev", project)
    assert caught.value.file == str(stack_file)
    assert caught.value.message == f"not UTF-8 text: byte 0xe9 at line {lines + 1}, column 6"


def test_non_utf8_project_file(project: Path) -> None:
    _append_latin1(project / "Pulumi.yaml")
    with pytest.raises(
        UserInputError, match=r"^.*Pulumi\.yaml: not UTF-8 text: byte 0xe9 at line \d+, column 6$"
    ):
        run_plan("dev", project)


@pytest.mark.parametrize("by_path", [False, True], ids=["by-name", "by-path"])
def test_directory_where_the_stack_file_should_be(project: Path, by_path: bool) -> None:
    stack_file = project / "stacks" / "Pulumi.dev.yaml"
    stack_file.unlink()
    stack_file.mkdir()
    with pytest.raises(UserInputError) as caught:
        run_plan(str(stack_file) if by_path else "dev", project)
    # Not "unknown stack 'dev' (known stacks: dev, ...)", which contradicts itself.
    assert str(caught.value) == f"{stack_file}: is a directory, not a stack file"


def test_cli_reports_a_non_utf8_stack_file_without_traceback(project: Path, tmp_path: Path) -> None:
    _append_latin1(project / "stacks" / "Pulumi.prod.yaml")
    out = tmp_path / "out"
    for args in (["check", "prod"], ["plan", "prod", "--out", str(out)]):
        result = run_icekit(*args, "--project-dir", str(project))
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"error: {project / 'stacks' / 'Pulumi.prod.yaml'}: not UTF-8 text")
        assert result.stdout == ""
    assert not out.exists()
