"""Durability of the atomic writers: every staged byte is on disk before a rename makes it visible (one sync
for the whole set, or an fsync per file and directory where there is no syncfs), and the directories the
renames changed are synced afterwards. The events are recorded in order around the real code."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from icekit.errors import UserInputError
from icekit.render import atomic
from icekit.render.atomic import STAGING_PREFIX, replace_tree, write_files_atomically

Writer = Callable[..., list[Path]]
WRITERS = [pytest.param(replace_tree, id="replace_tree"), pytest.param(write_files_atomically, id="in_place")]
FILES = {"a/client-config.json": "{}\n", "a/.env": "KEY=1\n", "b/c/upload_request.py": "x = 1\n", "top": "t"}


def _staged_tree(descriptor: int) -> dict[str, str]:
    """The files below an open directory, as they are now: what a sync of it would write."""
    found = {}
    for directory, _, names, directory_fd in os.fwalk(".", dir_fd=descriptor):
        for name in names:
            handle = os.open(name, os.O_RDONLY, dir_fd=directory_fd)
            try:
                found[os.path.normpath(os.path.join(directory, name))] = os.read(handle, 1 << 16).decode()
            finally:
                os.close(handle)
    return found


class Events:
    """What happened, in order: ("sync", staged files), ("fsync", inode), ("replace", destination)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, with_syncfs: bool) -> None:
        self.log: list[tuple[str, object]] = []
        real_replace, real_fsync = os.replace, os.fsync

        def replace(source: str | Path, destination: str | Path) -> None:
            self.log.append(("replace", Path(destination)))
            real_replace(source, destination)

        def fsync(descriptor: int) -> None:
            self.log.append(("fsync", os.fstat(descriptor).st_ino))
            real_fsync(descriptor)

        def syncfs(descriptor: int) -> None:
            self.log.append(("sync", _staged_tree(descriptor)))

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(atomic, "_syncfs", lambda: syncfs if with_syncfs else None)

    def index(self, kind: str) -> int:
        return next(i for i, (event, _) in enumerate(self.log) if event == kind)

    def first_rename(self) -> int:
        return self.index("replace")

    def fsynced(self, start: int, stop: int) -> set[object]:
        return {inode for event, inode in self.log[start:stop] if event == "fsync"}


def _rewrite(
    write: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, with_syncfs: bool
) -> tuple[Path, Events]:
    """A second write over an earlier set (a file to replace), its events recorded."""
    target = tmp_path / "out" / "dev"
    write(target, {"a/client-config.json": "old"})
    events = Events(monkeypatch, with_syncfs=with_syncfs)
    write(target, FILES, private=["a/.env"])
    return target, events


@pytest.mark.parametrize("write", WRITERS)
def test_one_sync_of_the_complete_set_comes_before_any_rename(
    write: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, events = _rewrite(write, tmp_path, monkeypatch, with_syncfs=True)
    syncs = [staged for event, staged in events.log if event == "sync"]
    assert syncs == [FILES]  # one sync, when every staged file is there, whole
    assert events.index("sync") < events.first_rename()
    assert not events.fsynced(0, events.first_rename())  # and no fsync per file


@pytest.mark.parametrize("write", WRITERS)
def test_without_syncfs_every_file_and_directory_is_fsynced_before_any_rename(
    write: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, events = _rewrite(write, tmp_path, monkeypatch, with_syncfs=False)
    before = events.fsynced(0, events.first_rename())
    # renames keep inodes: the files and directories in place now are the ones staged
    assert {(target / name).stat().st_ino for name in FILES} <= before
    if write is replace_tree:  # the whole staged tree is renamed into place
        directories = [target, target / "a", target / "b", target / "b/c"]
        assert {directory.stat().st_ino for directory in directories} <= before


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize("with_syncfs", [True, False], ids=["syncfs", "fsync"])
def test_the_directories_the_renames_changed_are_synced_after_them(
    write: Writer, with_syncfs: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, events = _rewrite(write, tmp_path, monkeypatch, with_syncfs=with_syncfs)
    last_rename = max(i for i, (event, _) in enumerate(events.log) if event == "replace")
    after = events.fsynced(last_rename + 1, len(events.log))
    # replace_tree swaps the whole tree in its parent; the in-place writer renames into each file's directory
    in_place = [target, target / "a", target / "b" / "c"]
    changed = [target.parent] if write is replace_tree else in_place
    assert {directory.stat().st_ino for directory in changed} <= after


def test_a_new_target_directory_is_synced_into_its_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = Events(monkeypatch, with_syncfs=True)
    write_files_atomically(tmp_path / "new" / "dir", {"f": "1"})
    assert {(tmp_path / "new").stat().st_ino, tmp_path.stat().st_ino} <= events.fsynced(0, len(events.log))


@pytest.mark.parametrize("write", WRITERS)
def test_a_failed_sync_changes_nothing(
    write: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "dev"
    write(target, {"a/client-config.json": "old"})

    def broken(descriptor: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(atomic, "_syncfs", lambda: broken)
    with pytest.raises(UserInputError, match="nothing was changed"):
        write(target, FILES)
    assert (target / "a/client-config.json").read_text() == "old"
    left = sorted(path.relative_to(target).as_posix() for path in target.rglob("*"))
    assert left == ["a", "a/client-config.json"]
    assert not list((tmp_path / "out").rglob(f"{STAGING_PREFIX}*"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs(2) is Linux's")
def test_syncfs_is_bound_on_linux(tmp_path: Path) -> None:
    sync = atomic._syncfs()
    assert sync is not None
    descriptor = os.open(tmp_path, os.O_RDONLY)
    try:
        sync(descriptor)
        with pytest.raises(OSError) as raised:
            sync(-1)
    finally:
        os.close(descriptor)
    assert raised.value.errno == errno.EBADF
