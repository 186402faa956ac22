"""RAM policy documents: the one model, its parsing and serialization, RAM's limits, and the evaluator.

Components build documents (`PolicyDocument`, `Statement`, `icekit.ram.build`), rules read them
(`allow_statements`, `parse_document`), review compares them (`icekit.ram.compare`), and `evaluate` decides a
request against them with RAM's semantics (docs/ram-evaluation.md). This package imports no other part of
icekit, so every part can import it.

Evaluating (compile each document once, then decide as many requests as needed):

    policies = [compile_policy(text, name="icekit-prod-app-upload") for text in attached_documents]
    decision = evaluate(policies, Request.of("ice:CreateUploadMedia", source_ip="10.0.0.1",
                                             secure_transport=True))
    decision.allowed, decision.kind, decision.statement  # True, "allow", DecidingStatement(...)

    trust = [compile_policy(role_trust_document, name="trust")]
    evaluate(trust, Request.of("sts:AssumeRole", principal=Principal("RAM", "acs:ram::123:role/backend")))

`evaluate` raises nothing for a request; `compile_policy` raises PolicyDocumentError for text that is not a
RAM document and EvaluationError for an operator outside SUPPORTED_OPERATORS or a value it cannot read.
"""

from __future__ import annotations

from icekit.ram.compiled import CompiledPolicy, compile_policy
from icekit.ram.decision import DecidingStatement, Decision, DecisionKind
from icekit.ram.evaluate import evaluate
from icekit.ram.limits import POLICY_DOCUMENT_MAX_CHARS, DocumentTooLargeError
from icekit.ram.model import Condition, Effect, PolicyDocument, Principal, Statement, document_kind
from icekit.ram.operators import SUPPORTED_OPERATORS, EvaluationError
from icekit.ram.parse import PolicyDocumentError, parse_attached_document, parse_document, parse_lenient
from icekit.ram.read import allow_statements, document_statements, parsed_or_none
from icekit.ram.request import Request

__all__ = [
    "POLICY_DOCUMENT_MAX_CHARS",
    "SUPPORTED_OPERATORS",
    "CompiledPolicy",
    "Condition",
    "DecidingStatement",
    "Decision",
    "DecisionKind",
    "DocumentTooLargeError",
    "Effect",
    "EvaluationError",
    "PolicyDocument",
    "PolicyDocumentError",
    "Principal",
    "Request",
    "Statement",
    "allow_statements",
    "compile_policy",
    "document_kind",
    "document_statements",
    "evaluate",
    "parse_attached_document",
    "parse_document",
    "parse_lenient",
    "parsed_or_none",
]
