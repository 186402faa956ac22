"""The RAM-backed Authorizer: trust policies decide sts:AssumeRole for the caller, a session's role policies
(narrowed by its session policy) decide the rest, and the deciding statement is named."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from icekit.ram import compile_policy
from icekit.sandbox.authorizer import RequestContext
from icekit.sandbox.principals import Principal
from icekit.sandbox.ram_authorizer import RamAuthorizer, RoleDocuments

ACCOUNT = "1234567890123456"
ROLE = f"acs:ram::{ACCOUNT}:role/icekit-dev-mobile-video"
BACKEND = f"acs:ram::{ACCOUNT}:role/mobile-backend"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _document(*statements: dict[str, object]) -> str:
    return json.dumps({"Version": "1", "Statement": list(statements)})


TRUST = _document({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"RAM": [BACKEND]}})
UPLOAD = _document(
    {
        "Effect": "Allow",
        "Action": ["ice:CreateUploadMedia", "ice:GetMediaInfo"],
        "Resource": "*",
        "Condition": {"Bool": {"acs:SecureTransport": "true"}},
    },
    {
        "Effect": "Deny",
        "Action": "ice:GetMediaInfo",
        "Resource": "*",
        "Condition": {"IpAddress": {"acs:SourceIp": "192.0.2.0/24"}},
    },
)
AUTHORIZER = RamAuthorizer(
    {ROLE: RoleDocuments(ROLE, compile_policy(TRUST, name="trust"), (compile_policy(UPLOAD, name="upload"),))}
)


def context(secure: bool = True, source_ip: str = "10.0.0.1") -> RequestContext:
    return RequestContext(source_ip, secure, NOW)


def session(policy: str | None = None) -> Principal:
    return Principal(f"{ROLE}/s1", ROLE, "s1", policy)


def test_the_trust_policy_decides_assume_role() -> None:
    allowed = AUTHORIZER.authorize(Principal(BACKEND), "sts:AssumeRole", ROLE, context())
    assert (allowed.allowed, allowed.deciding_statement) == (True, "trust Statement[0]")
    stranger = AUTHORIZER.authorize(
        Principal(f"acs:ram::{ACCOUNT}:role/cms-web"), "sts:AssumeRole", ROLE, context()
    )
    assert (stranger.allowed, stranger.deciding_statement) == (False, None)
    assert (
        stranger.reason == f"no statement of the trust policy of {ROLE} allows sts:AssumeRole in this context"
    )
    unknown = AUTHORIZER.authorize(
        Principal(BACKEND), "sts:AssumeRole", f"acs:ram::{ACCOUNT}:role/x", context()
    )
    assert not unknown.allowed and "is not a role of the stack" in unknown.reason


def test_a_session_s_role_policies_decide_with_the_context() -> None:
    assert AUTHORIZER.authorize(session(), "ice:CreateUploadMedia", "*", context()).allowed
    insecure = AUTHORIZER.authorize(session(), "ice:CreateUploadMedia", "*", context(secure=False))
    assert not insecure.allowed and insecure.deciding_statement is None
    denied = AUTHORIZER.authorize(session(), "ice:GetMediaInfo", "*", context(source_ip="192.0.2.9"))
    assert (denied.allowed, denied.deciding_statement) == (False, "upload Statement[1]")
    assert denied.reason == f"explicit deny in the policies of {ROLE}"
    assert not AUTHORIZER.authorize(session(), "ice:DeleteMediaInfos", "*", context()).allowed


def test_the_session_policy_narrows_and_a_principal_without_a_role_has_nothing() -> None:
    narrow = _document({"Effect": "Allow", "Action": "ice:GetMediaInfo", "Resource": "*"})
    assert AUTHORIZER.authorize(session(narrow), "ice:GetMediaInfo", "*", context()).allowed
    narrowed = AUTHORIZER.authorize(session(narrow), "ice:CreateUploadMedia", "*", context())
    assert not narrowed.allowed and "the session policy" in narrowed.reason
    broken = AUTHORIZER.authorize(session("{not json"), "ice:GetMediaInfo", "*", context())
    assert not broken.allowed and "cannot be evaluated" in broken.reason
    plain = AUTHORIZER.authorize(Principal(BACKEND), "ice:GetMediaInfo", "*", context())
    assert not plain.allowed and "holds no role of the stack" in plain.reason


def test_role_chaining_needs_the_session_s_own_permission() -> None:
    chained = AUTHORIZER.authorize(session(), "sts:AssumeRole", ROLE, context())
    assert not chained.allowed and f"the policies of {ROLE}" in chained.reason
