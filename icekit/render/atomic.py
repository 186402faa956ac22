"""Write a whole set of files so that, on any error, none of them is left half-written or half-replaced.

All files are first written into a staging directory inside `target_dir` (same file system, so renames are
atomic); only then are they moved into place one by one, the files they replace kept aside. If any step
fails, the moves done so far are undone and the replaced files restored. Files in `target_dir` that are not
in the set are left alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath

from icekit.errors import UserInputError

__all__ = ["STAGING_PREFIX", "write_files_atomically"]

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
        for name, rel in rels.items():
            staged = staging / "new" / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            if name in private:
                staged.touch(mode=0o600)
            with open(staged, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(files[name])
                handle.flush()
                os.fsync(handle.fileno())
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
    shutil.rmtree(staging, ignore_errors=True)
    return [target / rel for rel in rels.values()]


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
