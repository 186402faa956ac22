"""Strict and lenient reading of RAM documents, and what the rules read from a document's text."""

from __future__ import annotations

import json
from typing import Any

import pytest

from icekit.ram import (
    Condition,
    PolicyDocumentError,
    Principal,
    Statement,
    allow_statements,
    document_kind,
    document_statements,
    parse_document,
    parse_lenient,
)


def _doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "1", "Statement": list(statements)})


ALLOW = {"Effect": "Allow", "Action": "ice:GetMediaInfo", "Resource": "*"}


def test_strict_reads_elements_as_written() -> None:
    document = parse_document(
        _doc(
            {
                **ALLOW,
                "Action": ["ice:B", "ice:A"],
                "Condition": {
                    "Bool": {"acs:SecureTransport": True},
                    "IpAddress": {"acs:SourceIp": "10.0.0.0/8"},
                },
            },
            {"Effect": "Deny", "NotAction": "ram:*", "NotResource": ["acs:oss:*:*:b/*"]},
        )
    )
    first, second = document.statements
    assert first.actions == ("ice:B", "ice:A")  # order kept: rules report in the document's order
    assert first.conditions == (
        Condition("Bool", "acs:SecureTransport", ("true",)),
        Condition("IpAddress", "acs:SourceIp", ("10.0.0.0/8",)),
    )
    assert second == Statement(effect="Deny", not_actions=("ram:*",), not_resources=("acs:oss:*:*:b/*",))
    assert document_kind(document) == "permission"


def test_strict_principals_and_kind() -> None:
    document = parse_document(
        _doc(
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Principal": {"Service": "fc.aliyuncs.com", "RAM": ["a", "b"]},
            }
        )
    )
    assert document.statements[0].principals == (
        Principal("RAM", "a"),
        Principal("RAM", "b"),
        Principal("Service", "fc.aliyuncs.com"),
    )
    assert document_kind(document) == "trust"
    star = parse_document(_doc({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*"}))
    assert star.statements[0].principals == (Principal("*", "*"),)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1]", "a RAM policy document is a JSON object"),
        (json.dumps({"Version": "1"}), "it has no `Statement`"),
        (json.dumps({"Version": "2", "Statement": [ALLOW]}), "`Version` must be \"1\", got '2'"),
        (json.dumps({"Statement": []}), "`Statement` must be a non-empty list"),
        (_doc({**ALLOW, "Effect": "allow"}), 'Statement[0].Effect must be "Allow" or "Deny"'),
        (_doc({**ALLOW, "NotAction": "x"}), "Statement[0] needs exactly one of `Action` or `NotAction`"),
        (_doc({**ALLOW, "NotResource": "x"}), "may not have both `Resource` and `NotResource`"),
        (_doc({**ALLOW, "Action": [1]}), "Statement[0].Action must be a string or a list of strings"),
        (_doc({**ALLOW, "Action": []}), "Statement[0].Action must not be empty"),
        (_doc({**ALLOW, "Condition": []}), "Statement[0].Condition must be an object"),
        (_doc({**ALLOW, "Condition": {"Bool": "x"}}), "Statement[0].Condition.Bool must be an object"),
        (
            _doc({**ALLOW, "Condition": {"Bool": {"k": {"a": 1}}}}),
            "Statement[0].Condition.Bool.k must be a string",
        ),
        (
            _doc({**ALLOW, "Condition": {"Bool": {"k": []}}}),
            "Statement[0].Condition.Bool.k must not be empty",
        ),
        (_doc({**ALLOW, "Principal": ["a"]}), 'Statement[0].Principal must be "*" or an object'),
        (_doc({**ALLOW, "Principal": {"RAM": 5}}), "Statement[0].Principal.RAM must be a string"),
    ],
)
def test_strict_errors_say_where(document: str, message: str) -> None:
    with pytest.raises(PolicyDocumentError) as caught:
        parse_document(document)
    assert message in str(caught.value)


def test_lenient_reads_layout_tolerantly() -> None:
    document = parse_lenient({"Statement": {"Effect": "deny", "Action": ["x", 1], "Resource": []}})
    assert document is not None
    assert document.statements == (Statement(effect="Deny", actions=("x", "1")),)
    assert parse_lenient(None) == parse_lenient(json.dumps({"Version": "1"}))
    assert parse_lenient("{not json") is None
    assert parse_lenient(json.dumps({"Statement": ["x"]})) is None
    missing_effect = parse_lenient(
        {"Statement": [{"Action": "x", "Condition": {"Bool": {"k": False}, "S": 1}}]}
    )
    assert missing_effect is not None
    assert missing_effect.statements[0].effect == "Allow"
    assert missing_effect.statements[0].conditions == (Condition("Bool", "k", ("false",)),)


def test_normal_form_ignores_layout() -> None:
    one = Statement(
        actions=("ICE:Get*", "ice:get*"),
        resources=("b", "a", "a"),
        conditions=(Condition("Bool", "k", ("TRUE",)),),
    )
    two = Statement(
        actions=("ice:Get*",), resources=("a", "b"), conditions=(Condition("bool", "K", ("true",)),)
    )
    assert one.normalized().actions == ("ice:Get*",)
    assert one.normalized().resources == ("a", "b")
    assert one.comparable() == two.comparable()


def test_rules_read_allow_statements_with_their_index() -> None:
    text = _doc({"Effect": "Deny", "Action": "ice:Delete*", "Resource": "*"}, ALLOW)
    assert [index for index, _ in allow_statements(text)] == [1]
    assert [index for index, _ in document_statements(text)] == [0, 1]
    assert list(allow_statements("{not json")) == []
    assert list(allow_statements(None)) == []
