"""Write a whole set of files so that, on any error, none of them is left half-written or half-replaced.

Two ways, both staging every file first on the same file system (so renames are atomic):

- `write_files_atomically`: the files are staged inside `target_dir`, then moved into place one by one, the
  files they replace kept aside; on any error the moves are undone. Other files in `target_dir` stay.
- `replace_tree`: a whole new `target_dir` is built in a staging directory next to it, then swapped in with
  two renames (old away, new in) and the old tree deleted; on any error the old tree is put back. Afterwards
  `target_dir` holds exactly the set: nothing else survives.

Durability: the staged files reach the disk before any rename makes them visible, so that after a crash a
reader finds the old set or the whole new one, never an empty or short file; then each directory whose
entries the renames changed is synced once. The staged files are flushed together, with one syncfs(2) of
their file system (Linux), not one fsync per file: a thousand-app plan writes 3,000 files, and their fsyncs
cost seconds. Where there is no syncfs, each file and each staging directory is fsynced.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath

from icekit.errors import UserInputError

__all__ = ["STAGING_PREFIX", "replace_tree", "write_files_atomically"]

STAGING_PREFIX = ".icekit-staging-"


def _checked_relative(path: str) -> PurePosixPath:
    rel = PurePosixPath(path)
    if (
        not path
        or rel.is_absolute()
        or any(part in ("", ".", "..") for part in path.split("/"))
        or "\\" in path
    ):
        raise ValueError(f"{path!r} is not a plain relative file path")
    return rel


def _missing_dirs(target: Path) -> list[Path]:
    """The directories that creating `target` would create, outermost first."""
    missing: list[Path] = []
    current = target
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    return list(reversed(missing))


def write_files_atomically(
    target_dir: str | Path, files: Mapping[str, str], *, private: Collection[str] = ()
) -> list[Path]:
    """Write `{relative_path: text}` under `target_dir` (UTF-8, `\\n` line ends) all-or-nothing.

    Files named in `private` (they hold secrets) are readable by their owner only (mode 0600).

    Returns the written paths in sorted order. Raises UserInputError if the target cannot be written.
    """
    target = Path(target_dir)
    rels = {name: _checked_relative(name) for name in sorted(files)}
    created_dirs: list[Path] = []
    try:
        created_dirs = _missing_dirs(target)
        target.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target))
    except OSError as exc:
        _remove_empty(created_dirs)
        raise UserInputError(
            f"cannot create the output directory ({exc.strerror or exc})", file=target
        ) from None
    placed: list[tuple[Path, Path | None]] = []  # (final path, where the file it replaced was kept)
    try:
        _write_staged(staging / "new", rels, files, private)
        for rel in rels.values():
            final = target / rel
            if final.is_dir() and not final.is_symlink():
                raise IsADirectoryError(21, "is a directory", str(final))
            kept: Path | None = None
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.exists() or final.is_symlink():
                kept = staging / "old" / rel
                kept.parent.mkdir(parents=True, exist_ok=True)
                os.replace(final, kept)
            placed.append((final, kept))
            os.replace(staging / "new" / rel, final)
    except OSError as exc:
        _undo(placed, target)
        shutil.rmtree(staging, ignore_errors=True)
        _remove_empty(created_dirs)
        where = exc.filename or target
        raise UserInputError(
            f"cannot write the output files ({exc.strerror or exc}); nothing was changed", file=where
        ) from None
    except BaseException:
        _undo(placed, target)
        shutil.rmtree(staging, ignore_errors=True)
        _remove_empty(created_dirs)
        raise
    _sync_directories([final.parent for final, _ in placed] + [d.parent for d in created_dirs])
    shutil.rmtree(staging, ignore_errors=True)
    return [target / rel for rel in rels.values()]


def _write_staged(
    root: Path, rels: Mapping[str, PurePosixPath], files: Mapping[str, str], private: Collection[str]
) -> None:
    """Every file under `root`, then all of them synced to disk; private ones created owner-only before any
    byte is written."""
    staged = []
    for name, rel in rels.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if name in private:
            path.touch(mode=0o600)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(files[name])
        staged.append(path)
    _make_durable(root, staged)


def _make_durable(root: Path, staged: Sequence[Path]) -> None:
    """The bytes and directory entries of `staged` (all under `root`) on disk; raises OSError if not."""
    syncfs = _syncfs()
    if syncfs is not None:
        descriptor = os.open(root, os.O_RDONLY)
        try:
            syncfs(descriptor)
        finally:
            os.close(descriptor)
        return
    directories = {root}
    for path in staged:
        _fsync(path)
        directories.update(parent for parent in path.parents if root in parent.parents)
    for directory in sorted(directories):
        _fsync(directory)


@functools.cache
def _syncfs() -> Callable[[int], None] | None:
    """syncfs(2) of the C library, raising OSError on failure; None where there is none (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, not at the top: a command that writes no file does not load it

    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int

    def sync(descriptor: int) -> None:
        if function(descriptor) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))

    return sync


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_directories(directories: Iterable[Path]) -> None:
    """Make the renames durable: one fsync per directory whose entries changed.

    Best effort: the new files are already in place and complete, so a directory that cannot be synced (a file
    system without directory fsync) is no reason to undo; a crash could then at worst bring back the old set.
    """
    for directory in sorted(set(directories)):
        with contextlib.suppress(OSError):
            _fsync(directory)


def replace_tree(
    target_dir: str | Path, files: Mapping[str, str], *, private: Collection[str] = ()
) -> list[Path]:
    """Make `target_dir` hold exactly `{relative_path: text}` (UTF-8, `\\n` line ends), all-or-nothing.

    The new tree is built in a staging directory beside `target_dir` (in its parent, named after
    STAGING_PREFIX), then the old `target_dir` (if any) is renamed into the staging directory, the new tree
    renamed into place, and the old one deleted. On any error the old tree is back where it was and the
    staging directory is gone. Files named in `private` get mode 0600; the others and the directories get the
    usual modes (umask). An existing `target_dir` keeps its permission bits (plus the owner's rwx, which the
    swap needs). Whether `target_dir` may be replaced at all is the
    caller's decision (see `icekit.render.stackdir`).

    Returns the written paths in sorted order. Raises UserInputError if the target cannot be written or is not
    a directory.
    """
    target = Path(target_dir)
    if target.name in ("", ".", ".."):
        raise ValueError(f"{str(target_dir)!r} does not name a directory that can be replaced")
    rels = {name: _checked_relative(name) for name in sorted(files)}
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UserInputError("is not a directory; nothing was changed", file=target)
    created_dirs: list[Path] = []
    try:
        created_dirs = _missing_dirs(target.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target.parent))
    except OSError as exc:
        _remove_empty(created_dirs)
        raise UserInputError(
            f"cannot create the output directory ({exc.strerror or exc})", file=target.parent
        ) from None
    new_tree, old_tree = staging / "new", staging / "old"
    moved_away = False
    try:
        new_tree.mkdir()
        _write_staged(new_tree, rels, files, private)
        if target.exists():
            new_tree.chmod(stat.S_IMODE(target.stat().st_mode) | stat.S_IRWXU)
            os.replace(target, old_tree)
            moved_away = True
        os.replace(new_tree, target)
    except BaseException as exc:
        restored = not moved_away or _put_back(old_tree, target)
        if restored:
            shutil.rmtree(staging, ignore_errors=True)
            _remove_empty(created_dirs)
        if not isinstance(exc, OSError):
            raise
        # The failing path is usually inside the staging directory, which is gone now: name the target.
        outcome = "nothing was changed" if restored else f"the previous contents are in {old_tree}"
        raise UserInputError(
            f"cannot write the output files ({exc.strerror or exc}); {outcome}", file=target
        ) from None
    _sync_directories([target.parent] + [d.parent for d in created_dirs])
    shutil.rmtree(staging, ignore_errors=True)
    return [target / rel for rel in rels.values()]


def _put_back(old_tree: Path, target: Path) -> bool:
    """Undo the first rename of `replace_tree`; False if the old tree could not be put back."""
    try:
        os.replace(old_tree, target)
    except OSError:
        return False
    return True


def _undo(placed: list[tuple[Path, Path | None]], target: Path) -> None:
    for final, kept in reversed(placed):
        try:
            if final.exists() or final.is_symlink():
                final.unlink()
            if kept is not None:
                os.replace(kept, final)
        except OSError:  # best effort: keep undoing the rest
            continue
        _remove_empty_parents(final.parent, target)


def _remove_empty_parents(directory: Path, target: Path) -> None:
    # Directories made for new files are dropped again if the undo left them empty (never `target` or above).
    try:
        while directory != target and target in directory.parents and not any(directory.iterdir()):
            directory.rmdir()
            directory = directory.parent
    except OSError:
        return


def _remove_empty(created: list[Path]) -> None:
    for directory in reversed(created):
        try:
            directory.rmdir()
        except OSError:
            return
