"""Read a document the user hands icekit (a file or `-` for stdin) and decode a snippet given either as its
wire string (a JSON string literal holding JSON) or as the JSON object itself."""

from __future__ import annotations

import codecs
from typing import Any

from icekit.errors import UserInputError
from icekit.input_file import STDIN, read_bounded
from icekit.json_input import parse_json
from icekit.models.base import decode_json_object
from icekit.models.problems import InvalidDocumentError, Problem

__all__ = ["STDIN", "decode_object_or_wire", "decode_text", "display_name", "read_text_input"]


def display_name(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def decode_text(data: bytes) -> str:
    """UTF-8 text; a byte-order mark is honoured and dropped (PowerShell's `>` writes UTF-16 with one, some
    editors UTF-8 with one). Raises UnicodeDecodeError."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def read_text_input(path: str) -> str:
    """The text of `path` (or stdin); unreadable input is a UserInputError naming the file."""
    name = display_name(path)
    try:
        return decode_text(read_bounded(path, name))
    except UnicodeDecodeError:
        raise UserInputError("is not UTF-8 text", file=name) from None
    except OSError as exc:
        raise UserInputError(f"cannot be read ({exc.strerror or exc})", file=name) from None


def decode_object_or_wire(text: str, root: str) -> dict[str, Any]:
    """The JSON object in `text`: the object itself, or a JSON string literal whose value is the object."""
    stripped = text.strip()
    if not stripped:
        raise InvalidDocumentError([Problem(root, "is empty: expected the JSON object or its wire string")])
    if stripped.startswith('"'):
        try:
            inner = parse_json(stripped)
        except ValueError:
            inner = None
        if isinstance(inner, str):
            return decode_json_object(inner, root)
    return decode_json_object(stripped, root)
