from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from icekit.errors import UserInputError
from icekit.render.atomic import STAGING_PREFIX, write_files_atomically


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def test_writes_nested_files_and_leaves_other_files_alone(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    written = write_files_atomically(tmp_path, {"a/b/c.txt": "one\n", "d.txt": "two"})
    assert written == [tmp_path / "a/b/c.txt", tmp_path / "d.txt"]
    assert _tree(tmp_path) == {"a/b/c.txt": "one\n", "d.txt": "two", "keep.txt": "mine"}
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def test_replaces_existing_files(tmp_path: Path) -> None:
    write_files_atomically(tmp_path, {"x.txt": "old"})
    write_files_atomically(tmp_path, {"x.txt": "new"})
    assert (tmp_path / "x.txt").read_text() == "new"


def test_creates_a_missing_target(tmp_path: Path) -> None:
    write_files_atomically(tmp_path / "new" / "dir", {"f": "x"})
    assert (tmp_path / "new/dir/f").read_text() == "x"


def test_failure_midway_restores_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files_atomically(tmp_path / "out", {"a.txt": "old a", "sub/b.txt": "old b"})
    before = _tree(tmp_path)
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 4:  # after a.txt was swapped and b.txt kept aside
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises(UserInputError, match="No space left on device"):
        write_files_atomically(
            tmp_path / "out", {"a.txt": "new a", "sub/b.txt": "new b", "sub/c/d.txt": "new"}
        )
    monkeypatch.setattr(os, "replace", real_replace)
    assert _tree(tmp_path) == before
    assert not (tmp_path / "out/sub/c").exists()
    assert not list((tmp_path / "out").glob(f"{STAGING_PREFIX}*"))


def test_failure_in_a_fresh_target_leaves_no_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError(5, "I/O error", str(dst))

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(UserInputError):
        write_files_atomically(tmp_path / "fresh" / "out", {"a": "x"})
    assert list(tmp_path.iterdir()) == []


def test_a_directory_in_the_way_is_an_error_without_changes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("old")
    (tmp_path / "b").mkdir()
    with pytest.raises(UserInputError, match="is a directory"):
        write_files_atomically(tmp_path, {"a.txt": "new", "b": "file"})
    assert (tmp_path / "a.txt").read_text() == "old"


@pytest.mark.parametrize("bad", ["/etc/passwd", "../x", "a/../../x", "", "a//b"])
def test_paths_must_stay_inside_the_target(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="is not a plain relative file path"):
        write_files_atomically(tmp_path, {bad: "x"})
    assert list(tmp_path.iterdir()) == []


def test_unwritable_target_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserInputError, match="cannot create the output directory"):
        write_files_atomically(blocker / "out", {"a": "x"})


def test_private_files_are_owner_only(tmp_path: Path) -> None:
    write_files_atomically(tmp_path, {"a/.env": "KEY=1", "a/public.json": "{}"}, private=["a/.env"])
    assert (tmp_path / "a/.env").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "a/public.json").stat().st_mode & 0o077 != 0
