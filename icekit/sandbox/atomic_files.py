"""Atomic writes for the sandbox's state: a temporary file beside the target, flushed to disk, then renamed.

Readers (and a sandbox restarted after a crash) see the old file or the whole new one, never a part. Unlike
the CLI's `write_atomically` (text written for a user, failures reported as UserInputError), this streams
bytes of any size and lets OSError reach the server, which answers the request with an internal error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["stream_to_file_atomically", "write_bytes_atomically"]


def stream_to_file_atomically(
    path: Path, chunks: Iterable[bytes], *, private: bool = False
) -> tuple[int, str]:
    """Write the chunks to `path` all-or-nothing; return (size, hex MD5). An exception raised by the chunk
    source (a refused body) leaves `path` as it was. `private` files are readable by their owner only."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    size, md5 = 0, hashlib.md5(usedforsecurity=False)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
                size += len(chunk)
                md5.update(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if not private:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return size, md5.hexdigest()


def write_bytes_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    stream_to_file_atomically(path, [data], private=private)
