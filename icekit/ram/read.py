"""What the RAM/STS rules read from a document's text: its statements, parsed strictly once per text.

`allow_statements(text)` replaces the preamble every rule used to repeat (parse or return, loop, skip
non-Allow). A missing or malformed document yields nothing here; RAM100 reports the malformed ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from icekit.ram.model import PolicyDocument, Statement
from icekit.ram.parse import PolicyDocumentError, parse_document

__all__ = ["allow_statements", "document_statements", "parsed_or_none"]


@lru_cache(maxsize=1024)
def parsed_or_none(text: str | None) -> PolicyDocument | None:
    """The strictly parsed document, or None when there is none or it is malformed.

    Cached: every RAM1xx/STS2xx rule reads the same document, and a document is immutable text.
    """
    if text is None:
        return None
    try:
        return parse_document(text)
    except PolicyDocumentError:
        return None


def document_statements(source: str | PolicyDocument | None) -> Iterator[tuple[int, Statement]]:
    """(index in the document, statement) for every statement of a well-formed document (its text, or
    the document already parsed)."""
    document = source if isinstance(source, PolicyDocument) else parsed_or_none(source)
    if document is not None:
        yield from enumerate(document.statements)


def allow_statements(source: str | PolicyDocument | None) -> Iterator[tuple[int, Statement]]:
    """(index, statement) for the Allow statements of a well-formed document (text or parsed)."""
    return ((index, statement) for index, statement in document_statements(source) if statement.allows)
