"""Serialize a policy document for a component, turning RAM's size limit into a user error at the key path."""

from __future__ import annotations

from icekit.errors import UserInputError
from icekit.ram import DocumentTooLargeError, PolicyDocument

__all__ = ["document_json"]


def document_json(document: PolicyDocument, *, file: str, key_path: str) -> str:
    try:
        return document.to_json()
    except DocumentTooLargeError as exc:
        raise UserInputError(
            f"{exc}; declare fewer principals or networks", file=file, key_path=key_path
        ) from None
