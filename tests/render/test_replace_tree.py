from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from icekit.errors import UserInputError
from icekit.render.atomic import STAGING_PREFIX, replace_tree


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def _bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _no_staging(parent: Path) -> bool:
    return not list(parent.glob(f"{STAGING_PREFIX}*"))


def test_the_target_holds_exactly_the_new_set(tmp_path: Path) -> None:
    target = tmp_path / "out" / "dev"
    replace_tree(target, {"gone/a.txt": "old", "kept/b.txt": "old b"})
    written = replace_tree(target, {"kept/b.txt": "new b", "new/c.txt": "c"})
    assert written == [target / "kept/b.txt", target / "new/c.txt"]
    assert _tree(target) == {"kept/b.txt": "new b", "new/c.txt": "c"}
    assert not (target / "gone").exists()
    assert _no_staging(tmp_path / "out")


def test_siblings_of_the_target_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "prod").mkdir()
    (tmp_path / "prod" / "x").write_text("other stack")
    (tmp_path / "notes.txt").write_text("mine")
    replace_tree(tmp_path / "dev", {"a": "1"})
    assert _tree(tmp_path) == {"dev/a": "1", "notes.txt": "mine", "prod/x": "other stack"}


def test_private_files_are_owner_only_and_others_follow_the_umask(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        replace_tree(tmp_path / "dev", {"app/.env": "KEY=1", "app/c.json": "{}"}, private=["app/.env"])
    finally:
        os.umask(old_umask)
    assert (tmp_path / "dev/app/.env").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "dev/app/c.json").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "dev/app").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "dev").stat().st_mode & 0o777 == 0o755  # not the 0700 of a temporary directory


def test_an_existing_target_keeps_its_permission_bits(tmp_path: Path) -> None:
    replace_tree(tmp_path / "dev", {"a": "1"})
    (tmp_path / "dev").chmod(0o750)
    replace_tree(tmp_path / "dev", {"a": "2"})
    assert (tmp_path / "dev").stat().st_mode & 0o777 == 0o750
    assert _tree(tmp_path / "dev") == {"a": "2"}


def test_failure_of_the_swap_restores_the_previous_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "dev"
    replace_tree(target, {"old-app/a.txt": "old", "b.txt": "old b"}, private=["b.txt"])
    before = _tree(target)
    real_replace = os.replace
    calls: list[tuple[str, str]] = []

    def flaky_replace(src: Any, dst: Any) -> None:
        calls.append((str(src), str(dst)))
        if len(calls) == 2:  # the old tree is already away, the new one fails to move in
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises(UserInputError, match=r"No space left on device.*nothing was changed"):
        replace_tree(target, {"new-app/a.txt": "new"})
    monkeypatch.setattr(os, "replace", real_replace)
    assert calls[0][0] == str(target) and calls[2][1] == str(target)  # moved away, then put back
    assert _tree(target) == before
    assert (target / "b.txt").stat().st_mode & 0o777 == 0o600
    assert _no_staging(tmp_path / "out")


def test_failure_while_staging_touches_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "dev"
    replace_tree(target, {"a": "old"})
    real_open = open

    def failing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file).name == "second":
            raise OSError(5, "I/O error", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", failing_open)
    with pytest.raises(UserInputError, match="I/O error"):
        replace_tree(target, {"first": "x", "second": "y"})
    monkeypatch.undo()
    assert _tree(target) == {"a": "old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dev"]


def test_failure_in_a_fresh_location_leaves_no_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError(5, "I/O error", str(dst))

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(UserInputError):
        replace_tree(tmp_path / "fresh" / "out" / "dev", {"a": "x"})
    assert list(tmp_path.iterdir()) == []


def test_when_the_old_tree_cannot_be_put_back_it_is_kept_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "dev"
    replace_tree(target, {"a": "old"})
    real_replace = os.replace
    calls = {"n": 0}

    def replace_once(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(5, "I/O error", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_once)
    with pytest.raises(UserInputError, match=r"the previous contents are in ") as caught:
        replace_tree(target, {"a": "new"})
    monkeypatch.undo()
    kept = Path(caught.value.message.rsplit("the previous contents are in ", 1)[1])
    assert _tree(kept) == {"a": "old"}  # not deleted with the staging directory


def test_a_file_or_link_in_place_of_the_target_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dev").write_text("x")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    for name in ("dev", "link"):
        with pytest.raises(UserInputError, match="is not a directory"):
            replace_tree(tmp_path / name, {"a": "1"})
    assert (tmp_path / "dev").read_text() == "x"
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize("bad", ["/etc/passwd", "../x", "a/../../x", "", "a//b"])
def test_paths_must_stay_inside_the_target(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="is not a plain relative file path"):
        replace_tree(tmp_path / "dev", {bad: "x"})
    assert list(tmp_path.iterdir()) == []


def test_same_files_give_byte_identical_trees(tmp_path: Path) -> None:
    files = {"b/x": "é\n", "a/y": "1\r\n"}
    replace_tree(tmp_path / "one", files)
    replace_tree(tmp_path / "two", files)
    replace_tree(tmp_path / "two", files)
    assert _bytes(tmp_path / "one") == _bytes(tmp_path / "two") == {"a/y": b"1\r\n", "b/x": "é\n".encode()}
