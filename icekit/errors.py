"""The one exception type for a user's mistake: it names the file and the key path, never a traceback."""

from __future__ import annotations

from pathlib import Path

__all__ = ["EXIT_FINDINGS", "EXIT_INVALID_INPUT", "EXIT_OK", "UserInputError", "not_utf8_message"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID_INPUT = 2


class UserInputError(Exception):
    """Bad input from the user: the CLI prints it as `file: key.path: message` and exits 2."""

    def __init__(self, message: str, *, file: str | Path | None = None, key_path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.key_path = key_path

    def __str__(self) -> str:
        parts = [p for p in (self.file, self.key_path) if p]
        parts.append(self.message)
        return ": ".join(parts)


def not_utf8_message(exc: UnicodeDecodeError) -> str:
    """Where a file stops being UTF-8, in the terms an editor shows (line and column, 1-based)."""
    data = bytes(exc.object[: exc.start])
    line = data.count(b"\n") + 1
    column = exc.start - (data.rfind(b"\n") + 1) + 1
    return f"not UTF-8 text: byte 0x{exc.object[exc.start]:02x} at line {line}, column {column}"
