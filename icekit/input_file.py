"""The one bounded reader of the files users hand icekit: a regular file (or `-`, standard input) of at most
`icekit.facts.inputs.MAX_INPUT_BYTES`. A directory, a device (`/dev/zero`), a FIFO or a file that is too large
is a UserInputError with the same words for every verb; other OSErrors are left to the caller, which names
what it was reading."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from icekit.errors import UserInputError
from icekit.facts.inputs import MAX_INPUT_BYTES

__all__ = ["NOT_REGULAR", "STDIN", "read_bounded", "refuse_irregular"]

STDIN = "-"
NOT_REGULAR = "cannot be read: it is not a regular file (a directory, a device or a pipe)"


def _too_large(label: str) -> UserInputError:
    return UserInputError(
        f"is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB, icekit's bound on an input file", file=label
    )


def refuse_irregular(path: Path, label: str | Path | None = None, *, directory: str | None = None) -> None:
    """Raise unless `path` is a regular file (following links); a missing file raises FileNotFoundError.
    `directory` words the message for a directory (`is a directory, not a stack file`)."""
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode):
        return
    where = path if label is None else label
    if stat.S_ISDIR(mode) and directory is not None:
        raise UserInputError(directory, file=where)
    raise UserInputError(NOT_REGULAR, file=where)


def _read_at_most(stream: BinaryIO, label: str) -> bytes:
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large(label)
    return data


def read_bounded(path: str | Path, label: str | Path | None = None, *, directory: str | None = None) -> bytes:
    """The bytes of `path` (`-`: standard input). Raises UserInputError for what is not a regular file or is
    too large, OSError (FileNotFoundError, PermissionError, ...) for the caller to word."""
    name = str(path if label is None else label)
    if str(path) == STDIN:
        return _read_at_most(sys.stdin.buffer, "<stdin>" if label is None else name)
    file = Path(path)
    refuse_irregular(file, name, directory=directory)  # before open: opening a FIFO would block
    # and fstat of the opened file: no swap between the check and the read
    with file.open("rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise UserInputError(NOT_REGULAR, file=name)
        return _read_at_most(stream, name)
