"""RAM's limits on policy documents (ice-upload-facts.md, RAM)."""

from __future__ import annotations

__all__ = ["POLICY_DOCUMENT_MAX_CHARS", "DocumentTooLargeError", "check_size"]

# A custom policy document is limited to 6,144 characters (widely quoted; ice-upload-facts.md).
POLICY_DOCUMENT_MAX_CHARS = 6144


class DocumentTooLargeError(ValueError):
    """A serialized document exceeds RAM's 6,144-character limit."""


def check_size(text: str) -> str:
    """`text` itself when it fits RAM's limit; DocumentTooLargeError otherwise."""
    if len(text) > POLICY_DOCUMENT_MAX_CHARS:
        raise DocumentTooLargeError(
            f"policy document is {len(text)} characters; RAM allows at most {POLICY_DOCUMENT_MAX_CHARS}"
        )
    return text
