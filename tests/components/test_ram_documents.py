from __future__ import annotations

import json

import pytest

from components.ram_documents import (
    POLICY_DOCUMENT_MAX_CHARS,
    DocumentTooLargeError,
    PolicyDocument,
    Statement,
    TrustStatement,
    conditions_block,
)
from icekit.stack.model import Conditions


def test_serialization_is_sorted_and_stable() -> None:
    a = PolicyDocument(statements=[Statement(actions=["ice:B", "ice:A", "ice:B"], resources=["*"])])
    b = PolicyDocument(statements=[Statement(actions=["ice:A", "ice:B"], resources=["*", "*"])])
    assert a.to_json() == b.to_json()
    assert (
        a.to_json()
        == '{"Statement":[{"Action":["ice:A","ice:B"],"Effect":"Allow","Resource":["*"]}],"Version":"1"}'
    )


def test_conditions_from_declaration() -> None:
    block = conditions_block(Conditions(source_ip=["10.0.0.0/8", "192.168.1.1"], secure_transport=True))
    assert block == {
        "IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.1.1"]},
        "Bool": {"acs:SecureTransport": ["true"]},
    }
    assert conditions_block(Conditions()) == {}
    assert conditions_block(Conditions(secure_transport=False)) == {
        "Bool": {"acs:SecureTransport": ["false"]}
    }


def test_trust_policy_names_ram_principals() -> None:
    doc = PolicyDocument(statements=[TrustStatement(principals=["acs:ram::2:root", "acs:ram::1:role/x"])])
    assert json.loads(doc.to_json()) == {
        "Version": "1",
        "Statement": [
            {
                "Action": "sts:AssumeRole",
                "Effect": "Allow",
                "Principal": {"RAM": ["acs:ram::1:role/x", "acs:ram::2:root"]},
            }
        ],
    }


def test_size_limit_is_enforced_at_the_boundary() -> None:
    def doc_with(n: int) -> PolicyDocument:
        return PolicyDocument(statements=[Statement(actions=["ice:A"], resources=["r" * n])])

    base = len(doc_with(1).to_json()) - 1
    assert len(doc_with(POLICY_DOCUMENT_MAX_CHARS - base).to_json()) == POLICY_DOCUMENT_MAX_CHARS
    with pytest.raises(DocumentTooLargeError, match="6144"):
        doc_with(POLICY_DOCUMENT_MAX_CHARS - base + 1).to_json()


def test_statements_need_actions_and_resources() -> None:
    with pytest.raises(ValueError):
        Statement(actions=[], resources=["*"])
