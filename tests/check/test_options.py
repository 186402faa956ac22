"""icekit.cli.options: the shared report options and the one report writer (stdout, or --out atomically)."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from icekit.cli import options
from icekit.errors import UserInputError


def _command() -> click.Command:
    @click.command()
    @options.format_option(["a", "b"], default="b", help="which")
    @options.fail_on_option(["low", "high"], default="high", help="when")
    @options.out_file_option(help="where")
    @options.project_dir_option()
    def command(output_format: str, fail_on: str, out_file: Path | None, project_dir: Path) -> None:
        options.write_report(f"{output_format} {fail_on} {project_dir}\n", out_file, written="done")

    return command


def test_options_parse_into_the_shared_names(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(_command(), [])
    assert result.exit_code == 0 and result.stdout == "b high .\n"
    out_file = tmp_path / "r.txt"
    args = ["--format", "a", "--fail-on", "low", "--out", str(out_file), "--project-dir", str(tmp_path)]
    result = runner.invoke(_command(), args)
    assert result.exit_code == 0 and result.stdout == "done\n"
    assert out_file.read_text(encoding="utf-8") == f"a low {tmp_path}\n"
    assert runner.invoke(_command(), ["--format", "c"]).exit_code == 2
    assert runner.invoke(_command(), ["--project-dir", str(tmp_path / "missing")]).exit_code == 2


def test_notice_goes_to_stderr_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    options.write_report("report\n", tmp_path / "r.md", written="written", written_to_stderr=True)
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "written\n")
    options.write_report("report\n", None, written="not shown")
    assert capsys.readouterr().out == "report\n"


def test_missing_directory_is_a_user_error_unless_created(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "r.json"
    with pytest.raises(UserInputError, match="does not exist"):
        options.write_atomically(target, "{}\n")
    assert not (tmp_path / "a").exists()
    options.write_atomically(target, "{}\n", create_parents=True)
    assert target.read_text(encoding="utf-8") == "{}\n"


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"
    target.write_text("old\n", encoding="utf-8")

    def refuse(source: str, destination: str | Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    # A user error (exit 2, `error: FILE: ...`), not a traceback; the old file and no temporary left.
    with pytest.raises(UserInputError, match=r"r\.json: cannot write the report \(disk full\)"):
        options.write_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_unwritable_directory_is_a_user_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root a chmod 555 directory stays writable, so the refusal is simulated where it happens.
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(options.tempfile, "mkstemp", refuse)
    with pytest.raises(UserInputError, match=r"r\.md: cannot write the report \(Permission denied\)"):
        options.write_atomically(tmp_path / "r.md", "x\n")
    assert list(tmp_path.iterdir()) == []


def test_parent_that_is_a_file_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file\n", encoding="utf-8")
    with pytest.raises(UserInputError, match="a parent path is not a directory"):
        options.write_atomically(tmp_path / "taken" / "sub" / "r.md", "x\n", create_parents=True)
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "a file\n"


def test_report_gets_the_umask_mode_or_keeps_the_old_one(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        options.write_atomically(fresh, "{}\n")
        assert fresh.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
        kept = tmp_path / "kept.json"
        kept.write_text("old\n", encoding="utf-8")
        kept.chmod(0o640)
        options.write_atomically(kept, "new\n")
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(previous)
