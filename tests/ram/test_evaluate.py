"""The evaluator, one semantic rule at a time (docs/ram-evaluation.md gives each rule's source)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from icekit.ram import (
    EvaluationError,
    PolicyDocument,
    PolicyDocumentError,
    Principal,
    Request,
    compile_policy,
    evaluate,
    parse_document,
)

ACCOUNT = "1234567890123456"
BACKEND = Principal("RAM", f"acs:ram::{ACCOUNT}:role/backend")


def doc(*statements: dict[str, Any]) -> PolicyDocument:
    return parse_document(json.dumps({"Version": "1", "Statement": list(statements)}))


def allow(action: Any = "ice:CreateUploadMedia", resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action: Any = "ice:CreateUploadMedia", resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def decide(documents: list[PolicyDocument], action: str = "ice:CreateUploadMedia", **request: Any) -> str:
    return evaluate(documents, Request.of(action, **request)).kind


# --- the decision -----------------------------------------------------------------------------------------


def test_deny_overrides_allow_in_any_document_and_names_the_statement() -> None:
    grants = compile_policy(doc(allow("ice:*")), name="upload")
    guard = compile_policy(doc(allow("ice:GetMediaInfo"), deny("ice:Delete*")), name="guard")
    decision = evaluate([grants, guard], Request.of("ice:DeleteMediaInfos"))
    assert not decision.allowed
    assert decision.kind == "explicit-deny"
    assert decision.statement is not None
    assert (decision.statement.document, decision.statement.document_index) == ("guard", 1)
    assert decision.statement.statement_index == 1
    assert decision.render() == "denied by guard Statement[1]"


def test_allow_names_the_first_matching_statement() -> None:
    decision = evaluate(
        [doc(allow("ice:GetMediaInfo"), allow("ice:Create*"), allow("ice:CreateUploadMedia"))],
        Request.of("ice:CreateUploadMedia"),
    )
    assert decision.allowed and decision.kind == "allow"
    assert decision.statement is not None
    assert (decision.statement.document, decision.statement.statement_index) == ("document[0]", 1)


def test_nothing_matching_is_an_implicit_deny() -> None:
    decision = evaluate([doc(allow("ice:GetMediaInfo"))], Request.of("ice:CreateUploadMedia"))
    assert decision.kind == "implicit-deny" and not decision.allowed and decision.statement is None
    assert evaluate([], Request.of("ice:CreateUploadMedia")).kind == "implicit-deny"


# --- Action / NotAction -----------------------------------------------------------------------------------


def test_not_action_with_allow_grants_everything_else() -> None:
    documents = [doc({"Effect": "Allow", "NotAction": ["ram:*", "ice:Delete*"], "Resource": "*"})]
    assert decide(documents, "oss:PutObject") == "allow"
    assert decide(documents, "ice:CreateUploadMedia") == "allow"
    assert decide(documents, "ram:CreateUser") == "implicit-deny"
    assert decide(documents, "ice:DeleteMediaInfos") == "implicit-deny"


def test_not_action_with_deny_denies_everything_else() -> None:
    documents = [doc(allow("*"), {"Effect": "Deny", "NotAction": "ice:GetMediaInfo", "Resource": "*"})]
    assert decide(documents, "ice:GetMediaInfo") == "allow"
    assert decide(documents, "ice:CreateUploadMedia") == "explicit-deny"


@pytest.mark.parametrize(
    ("pattern", "action", "matches"),
    [
        ("ice:CreateUploadMedia", "ICE:createuploadmedia", True),  # action names are case-insensitive
        ("ICE:Get*", "ice:GetMediaInfo", True),
        ("ice:Get*", "ice:get", True),  # decided: `*` matches nothing and case is ignored
        ("ice:Get*", "ice:GETMEDIAINFO", True),
        ("ice:Get*", "ice:Ge", False),
        ("ice:Get?ediaInfo", "ice:GetMediaInfo", True),
        ("ice:Get?", "ice:Get", False),  # `?` is exactly one character
        ("ice:Get?", "ice:GetMM", False),
        ("*", "oss:PutObject", True),
        ("ice:*", "oss:PutObject", False),
        ("ice:[GS]etMediaInfo", "ice:GetMediaInfo", False),  # brackets are not special
        ("ice:[GS]etMediaInfo", "ice:[gs]etmediainfo", True),
        ("ice:Get.*", "ice:GetXMediaInfo", False),  # regex characters are literal
    ],
)
def test_action_wildcards(pattern: str, action: str, matches: bool) -> None:
    assert (decide([doc(allow(pattern))], action) == "allow") is matches


# --- Resource / NotResource -------------------------------------------------------------------------------


def test_resource_patterns_are_case_sensitive_and_span_separators() -> None:
    documents = [doc(allow("oss:PutObject", "acs:oss:*:*:acme/incoming/*"))]
    assert decide(documents, "oss:PutObject", resource="acs:oss:*:*:acme/incoming/a/b.mp4") == "allow"
    assert decide(documents, "oss:PutObject", resource="acs:oss:cn-shanghai:1:acme/incoming/x") == "allow"
    assert decide(documents, "oss:PutObject", resource="acs:oss:*:*:ACME/incoming/x") == "implicit-deny"
    assert decide(documents, "oss:PutObject", resource="acs:oss:*:*:acme/other") == "implicit-deny"


def test_not_resource() -> None:
    documents = [
        doc(
            allow("oss:*", "acs:oss:*:*:acme/*"),
            {"Effect": "Deny", "Action": "oss:*", "NotResource": "acs:oss:*:*:acme/incoming/*"},
        )
    ]
    assert decide(documents, "oss:PutObject", resource="acs:oss:*:*:acme/incoming/x") == "allow"
    assert decide(documents, "oss:PutObject", resource="acs:oss:*:*:acme/secret") == "explicit-deny"
    allow_not = [doc({"Effect": "Allow", "Action": "oss:GetObject", "NotResource": "acs:oss:*:*:acme/*"})]
    assert decide(allow_not, "oss:GetObject", resource="acs:oss:*:*:other/x") == "allow"
    assert decide(allow_not, "oss:GetObject", resource="acs:oss:*:*:acme/x") == "implicit-deny"


# --- conditions -------------------------------------------------------------------------------------------


SECURE = {"Bool": {"acs:SecureTransport": "true"}}
OFFICE = {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}}


@pytest.mark.parametrize(
    ("source_ip", "allowed"),
    [
        ("10.1.2.3", True),
        ("11.0.0.1", False),
        ("2001:db8::1", True),
        ("2001:db9::1", False),
        ("::ffff:10.0.0.1", False),  # an IPv6 address is never inside an IPv4 block
    ],
)
def test_ip_address_with_ipv4_and_ipv6_blocks(source_ip: str, allowed: bool) -> None:
    documents = [doc(allow(Condition=OFFICE))]
    assert (decide(documents, source_ip=source_ip) == "allow") is allowed


def test_not_ip_address_deny() -> None:
    documents = [doc(allow(), deny("*", Condition={"NotIpAddress": {"acs:SourceIp": "192.168.0.0/16"}}))]
    assert decide(documents, source_ip="192.168.3.4") == "allow"
    assert decide(documents, source_ip="10.0.0.1") == "explicit-deny"


def test_a_missing_key_fails_the_condition_but_a_negated_one_holds() -> None:
    documents = [doc(allow(Condition=SECURE))]
    assert decide(documents) == "implicit-deny"  # no acs:SecureTransport in the request
    assert decide(documents, secure_transport=True) == "allow"
    assert decide(documents, secure_transport=False) == "implicit-deny"
    # AWS IAM: a negated operator with its key missing holds, so this Deny applies without acs:SourceIp.
    guarded = [doc(allow(), deny("*", Condition={"NotIpAddress": {"acs:SourceIp": "10.0.0.0/8"}}))]
    assert decide(guarded) == "explicit-deny"
    not_equals = [doc(allow(Condition={"StringNotEquals": {"acs:SourceVpc": "vpc-1"}}))]
    assert decide(not_equals) == "allow"
    assert decide(not_equals, context={"acs:SourceVpc": "vpc-1"}) == "implicit-deny"


def test_several_values_are_any_of_several_keys_and_operators_all_of() -> None:
    documents = [
        doc(
            allow(
                Condition={
                    "StringEquals": {"acs:SourceVpc": ["vpc-1", "vpc-2"], "acs:AccessId": "ak"},
                    **SECURE,
                }
            )
        )
    ]
    context = {"acs:SourceVpc": "vpc-2", "acs:AccessId": "ak"}
    assert decide(documents, secure_transport=True, context=context) == "allow"
    assert decide(documents, secure_transport=False, context=context) == "implicit-deny"
    assert (
        decide(documents, secure_transport=True, context={**context, "acs:AccessId": "x"}) == "implicit-deny"
    )
    assert decide(documents, secure_transport=True, context={"acs:SourceVpc": "vpc-2"}) == "implicit-deny"
    negated = [doc(allow(Condition={"StringNotEquals": {"acs:SourceVpc": ["vpc-1", "vpc-2"]}}))]
    assert decide(negated, context={"acs:SourceVpc": "vpc-2"}) == "implicit-deny"  # none of: NOR
    assert decide(negated, context={"acs:SourceVpc": "vpc-3"}) == "allow"


def test_operators_and_keys_are_case_insensitive_values_follow_the_operator() -> None:
    documents = [doc(allow(Condition={"stringequals": {"ACS:SOURCEVPC": "vpc-1"}}))]
    assert decide(documents, context={"acs:SourceVpc": "vpc-1"}) == "allow"
    assert decide(documents, context={"acs:sourcevpc": "VPC-1"}) == "implicit-deny"
    ignore_case = [doc(allow(Condition={"StringEqualsIgnoreCase": {"acs:SourceVpc": "vpc-1"}}))]
    assert decide(ignore_case, context={"acs:SourceVpc": "VPC-1"}) == "allow"
    assert decide(
        [doc(allow(Condition={"Bool": {"acs:SecureTransport": "TRUE"}}))], secure_transport=True
    ) == ("allow")


def test_string_like() -> None:
    documents = [doc(allow(Condition={"StringLike": {"oss:Prefix": "incoming/*"}}))]
    assert decide(documents, context={"oss:Prefix": "incoming/2026/a"}) == "allow"
    assert decide(documents, context={"oss:Prefix": "Incoming/a"}) == "implicit-deny"
    not_like = [doc(allow(Condition={"StringNotLike": {"oss:Prefix": ["secret/*", "?"]}}))]
    assert decide(not_like, context={"oss:Prefix": "incoming/a"}) == "allow"
    assert decide(not_like, context={"oss:Prefix": "x"}) == "implicit-deny"


@pytest.mark.parametrize(
    ("operator", "bound", "value", "holds"),
    [
        ("NumericEquals", "10", "10.0", True),
        ("NumericNotEquals", "10", "10", False),
        ("NumericLessThan", "10", "9.5", True),
        ("NumericLessThan", "10", "10", False),
        ("NumericLessThanEquals", "10", "10", True),
        ("NumericGreaterThan", "10", "10", False),
        ("NumericGreaterThanEquals", "10", "10", True),
        ("NumericGreaterThan", "10", "eleven", False),  # an unreadable request value matches nothing
    ],
)
def test_numeric_operators(operator: str, bound: str, value: str, holds: bool) -> None:
    documents = [doc(allow(Condition={operator: {"ice:Size": bound}}))]
    assert (decide(documents, context={"ice:Size": value}) == "allow") is holds


def test_date_operators_on_current_time() -> None:
    cutoff = "2019-08-12T17:00:00+08:00"  # RAM's own example: before 17:00 on 2019-08-12 (UTC+8)
    before = [doc(allow(Condition={"DateLessThan": {"acs:CurrentTime": cutoff}}))]
    assert decide(before, current_time=datetime(2019, 8, 12, 8, 59, tzinfo=UTC)) == "allow"
    assert decide(before, current_time=datetime(2019, 8, 12, 9, 0, tzinfo=UTC)) == "implicit-deny"
    assert decide(before) == "implicit-deny"  # icekit never fills in the clock
    for operator, moment, holds in [
        ("DateLessThanEquals", "2019-08-12T09:00:00Z", True),
        ("DateGreaterThan", "2019-08-12T09:00:00Z", False),
        ("DateGreaterThanEquals", "2019-08-12T09:00:00Z", True),
        ("DateEquals", "2019-08-12T09:00:00", True),  # no offset: UTC
        ("DateNotEquals", "2019-08-12T09:00:00Z", False),
        ("DateLessThan", "1565600000", True),  # epoch seconds: 2019-08-12T08:53:20Z
        ("DateGreaterThan", "1565600000", False),
    ]:
        documents = [doc(allow(Condition={operator: {"acs:CurrentTime": cutoff}}))]
        assert (decide(documents, context={"acs:CurrentTime": moment}) == "allow") is holds, operator


# --- trust policies ---------------------------------------------------------------------------------------


def _trust(principal: Any, **extra: Any) -> PolicyDocument:
    return doc({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": principal, **extra})


def _assume(documents: list[PolicyDocument], principal: Principal | None, **request: Any) -> str:
    return decide(documents, "sts:AssumeRole", principal=principal, **request)


def test_trust_policy_by_principal() -> None:
    role = [_trust({"RAM": [BACKEND.value]})]
    assert _assume(role, BACKEND) == "allow"
    assert _assume(role, Principal("RAM", f"acs:ram::{ACCOUNT}:role/other")) == "implicit-deny"
    assert _assume(role, None) == "implicit-deny"  # a Principal statement needs a principal
    assert decide(role, "sts:GetCallerIdentity", principal=BACKEND) == "implicit-deny"


def test_account_root_trusts_the_whole_account() -> None:
    for root in (f"acs:ram::{ACCOUNT}:root", ACCOUNT):
        account = [_trust({"RAM": root})]
        assert _assume(account, BACKEND) == "allow"
        assert _assume(account, Principal("RAM", f"acs:ram::{ACCOUNT}:user/alice")) == "allow"
        assert _assume(account, Principal("RAM", "acs:ram::999:role/backend")) == "implicit-deny"
    assert _assume([_trust({"RAM": "acs:ram::*:root"})], Principal("RAM", "acs:ram::999:role/x")) == "allow"


def test_service_federated_and_star_principals() -> None:
    service = [_trust({"Service": "fc.aliyuncs.com"})]
    assert _assume(service, Principal("Service", "FC.aliyuncs.com")) == "allow"
    assert _assume(service, Principal("RAM", "fc.aliyuncs.com")) == "implicit-deny"
    idp = f"acs:ram::{ACCOUNT}:saml-provider/idp"
    federated = [_trust({"Federated": idp})]
    assert _assume(federated, Principal("Federated", idp)) == "allow"
    assert _assume(federated, Principal("Federated", idp.upper())) == "implicit-deny"
    assert _assume([_trust("*")], Principal("Service", "anything")) == "allow"


def test_trust_conditions_apply_to_the_caller() -> None:
    role = [_trust({"RAM": BACKEND.value}, Condition=OFFICE)]
    assert _assume(role, BACKEND, source_ip="10.0.0.1") == "allow"
    assert _assume(role, BACKEND, source_ip="8.8.8.8") == "implicit-deny"


# --- compiling --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"ForAnyValue:StringEquals": {"k": "v"}}, "'ForAnyValue:StringEquals' is not one RAM supports"),
        ({"NumericLessThan": {"k": "ten"}}, "NumericLessThan k: 'ten' is not a number"),
        ({"DateLessThan": {"k": "tomorrow"}}, "'tomorrow' is not a date"),
        ({"IpAddress": {"acs:SourceIp": "10.0.0.0/33"}}, "is not an IPv4 or IPv6 address"),
        ({"Bool": {"acs:SecureTransport": "yes"}}, "'yes' is not true or false"),
    ],
)
def test_documents_the_evaluator_cannot_read_are_refused_at_compile_time(
    condition: dict[str, Any], message: str
) -> None:
    with pytest.raises(EvaluationError) as caught:
        compile_policy(doc(allow(), allow(Condition=condition)), name="upload")
    assert str(caught.value).startswith("upload Statement[1]: ")
    assert message in str(caught.value)


def test_compile_reads_text_strictly() -> None:
    compiled = compile_policy(json.dumps({"Version": "1", "Statement": [allow()]}), name="x")
    assert evaluate([compiled], Request.of("ice:CreateUploadMedia")).allowed
    with pytest.raises(PolicyDocumentError):
        compile_policy("{not json")


def test_request_keys_are_case_insensitive_and_typed_keys_checked() -> None:
    request = Request.of("ice:A", source_ip=" 10.0.0.1 ", context={"ACS:SourceVpc": "vpc-1"})
    assert request.context == {"acs:sourceip": "10.0.0.1", "acs:sourcevpc": "vpc-1"}
    with pytest.raises(ValueError):
        Request.of("ice:A", source_ip="not-an-ip")


def test_a_compiled_policy_remembers_its_statements_per_action() -> None:
    policy = compile_policy(doc(allow("ice:Get*"), deny("ice:GetX"), allow("oss:PutObject")), name="p")
    denies, allows = policy.for_action("ICE:GETX")
    assert [s.index for s in denies] == [1] and [s.index for s in allows] == [0]
    assert policy.for_action("ice:getx") is policy.for_action("ICE:GETX")  # one entry per folded action
    assert policy.for_action("ram:CreateUser") == ((), ())
    assert compile_policy(doc(allow("ice:Get*")), name="p") is compile_policy(
        doc(allow("ice:Get*")), name="p"
    )
