"""RAM policy documents: the one model, its parsing and serialization, RAM's limits, and the evaluator.

Components build documents (`PolicyDocument`, `Statement`, `icekit.ram.build`), rules read them
(`allow_statements`, `parse_document`), review compares them (`icekit.ram.compare`), and `evaluate` decides a
request against them with RAM's semantics (docs/ram-evaluation.md). This package imports no other part of
icekit, so every part can import it.
"""

from __future__ import annotations

from icekit.ram.limits import POLICY_DOCUMENT_MAX_CHARS, DocumentTooLargeError
from icekit.ram.model import Condition, Effect, PolicyDocument, Principal, Statement, document_kind
from icekit.ram.parse import PolicyDocumentError, parse_document, parse_lenient
from icekit.ram.read import allow_statements, document_statements, parsed_or_none

__all__ = [
    "POLICY_DOCUMENT_MAX_CHARS",
    "Condition",
    "DocumentTooLargeError",
    "Effect",
    "PolicyDocument",
    "PolicyDocumentError",
    "Principal",
    "Statement",
    "allow_statements",
    "document_kind",
    "document_statements",
    "parse_document",
    "parse_lenient",
    "parsed_or_none",
]
