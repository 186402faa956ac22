"""The sandbox's OSS for a browser: CORS preflight and headers (icekit/sandbox/oss_cors.py), and a request
signed the way ali-oss signs in a browser (V1, its time in x-oss-date only, x-oss-user-agent and
x-oss-security-token signed, no Date header: ali-oss lib/common/utils/createRequest.js:30-47,
lib/common/signUtils.js:63-95). tests/examples/test_web_upload.py runs the real SDK in Chromium."""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime

import pytest

from icekit.sandbox.credentials import CredentialStore
from icekit.sandbox.freshness import utc_now
from icekit.sandbox.object_store import ObjectStore
from icekit.sandbox.oss_app import OssApplication
from icekit.sandbox.oss_cors import CorsRule
from icekit.sandbox.principals import Principal, role_session_arn
from icekit.sandbox.request_log import RequestRecord
from icekit.sandbox.serving import RunningServer, running_server
from icekit.sandbox.state import StateDirectory
from tests.sandbox.conftest import ACCOUNT, OSS_BUCKET, REGION, ROLE_ARN
from tests.sandbox.doubles import ScriptedAuthorizer

BUCKET = OSS_BUCKET
KEY = "sv/4e2c/clip.mp4"
PAGE = "http://127.0.0.1:8765"
# What Chromium asks before ali-oss's PUT (the request headers a page may not send without asking).
ALI_OSS_HEADERS = "authorization,content-type,x-oss-date,x-oss-security-token,x-oss-user-agent"
USER_AGENT = "aliyun-sdk-js/6.23.0 Chrome Headless 150.0.0.0 on Linux 64-bit"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


def _send(
    server: RunningServer, method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        answer_headers = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, answer_headers, response.read())
    finally:
        connection.close()


@dataclass(frozen=True)
class Session:
    access_key_id: str
    secret: str
    token: str


@pytest.fixture
def session(credentials: CredentialStore) -> Session:
    principal = Principal(role_session_arn(ROLE_ARN, "browser"), ROLE_ARN, "browser")
    issued = credentials.issue_temporary(principal, timedelta(hours=1), utc_now())
    return Session(issued.access_key_id, issued.secret, issued.security_token)


def ali_oss_put_headers(
    session: Session, *, when: datetime, secret: str | None = None, token: bool = True
) -> dict[str, str]:
    """The headers ali-oss's browser build puts on `client.put(KEY, blob)`, signed as it signs them."""
    headers = {
        "x-oss-date": format_datetime(when, usegmt=True),
        "x-oss-user-agent": USER_AGENT,
        "Content-Type": "video/mp4",
        "Origin": PAGE,
    }
    if token:
        headers["x-oss-security-token"] = session.token
    oss_headers = "".join(
        f"{name}:{headers[name]}\n" for name in sorted(n for n in headers if n.startswith("x-oss-"))
    )
    string_to_sign = f"PUT\n\nvideo/mp4\n{headers['x-oss-date']}\n{oss_headers}/{BUCKET}/{KEY}"
    digest = hmac.new((secret or session.secret).encode(), string_to_sign.encode(), hashlib.sha1).digest()
    headers["authorization"] = f"OSS {session.access_key_id}:{base64.b64encode(digest).decode()}"
    return headers


def test_a_preflight_from_a_loopback_page_is_answered_without_credentials(
    oss_server: RunningServer, authorizer: ScriptedAuthorizer, records: list[RequestRecord]
) -> None:
    asked = {
        "Origin": PAGE,
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": ALI_OSS_HEADERS,
    }
    answer = _send(oss_server, "OPTIONS", f"/{BUCKET}/{KEY}", asked)
    assert answer.status == 200
    assert answer.headers["access-control-allow-origin"] == PAGE
    assert "PUT" in answer.headers["access-control-allow-methods"].split(", ")
    assert answer.headers["access-control-allow-headers"].split(", ") == ALI_OSS_HEADERS.split(",")
    assert answer.headers["access-control-max-age"] == "600"
    assert answer.headers["access-control-expose-headers"] == "ETag, x-oss-request-id"
    assert len(answer.headers["x-oss-request-id"]) == 24
    assert authorizer.questions == []  # no credential, no authorization question
    assert (records[-1].action, records[-1].status, records[-1].principal) == ("PreflightRequest", 200, None)


@pytest.mark.parametrize(
    "asked",
    [
        {"Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"},
        {"Origin": PAGE, "Access-Control-Request-Method": "PATCH"},
        {"Origin": PAGE},
        {"Access-Control-Request-Method": "PUT"},
    ],
    ids=["foreign-origin", "method-not-allowed", "no-method", "no-origin"],
)
def test_a_preflight_no_rule_allows_is_403_without_cors_headers(
    oss_server: RunningServer, asked: dict[str, str]
) -> None:
    answer = _send(oss_server, "OPTIONS", f"/{BUCKET}/{KEY}", asked)
    assert answer.status == 403
    assert b"<Code>AccessForbidden</Code>" in answer.body
    assert not any(name.startswith("access-control-") for name in answer.headers)


def test_a_header_outside_the_allowed_headers_fails_the_preflight(
    state: StateDirectory, credentials: CredentialStore, authorizer: ScriptedAuthorizer
) -> None:
    rule = CorsRule((PAGE,), ("PUT",), allowed_headers=("x-oss-*", "authorization"))
    app = OssApplication(ObjectStore(state), credentials, authorizer, REGION, {BUCKET: ACCOUNT}, cors=(rule,))
    with running_server(app) as server:
        asked = {"Origin": PAGE, "Access-Control-Request-Method": "PUT"}
        allowed = _send(
            server, "OPTIONS", f"/{BUCKET}/{KEY}", {**asked, "Access-Control-Request-Headers": "X-OSS-Date"}
        )
        refused = _send(
            server,
            "OPTIONS",
            f"/{BUCKET}/{KEY}",
            {**asked, "Access-Control-Request-Headers": ALI_OSS_HEADERS},
        )
    assert (allowed.status, allowed.headers["access-control-allow-headers"]) == (200, "x-oss-date")
    assert refused.status == 403


def test_a_pattern_holds_at_most_one_wildcard() -> None:
    with pytest.raises(ValueError, match="at most one"):
        CorsRule(("http://*.example:*",), ("PUT",))
    with pytest.raises(ValueError, match="ExposeHeader"):
        CorsRule(("*",), ("PUT",), expose_headers=("*",))


def test_an_ali_oss_signed_put_is_accepted_and_its_etag_exposed(
    oss_server: RunningServer, session: Session, authorizer: ScriptedAuthorizer
) -> None:
    body = b"browser bytes"
    answer = _send(oss_server, "PUT", f"/{BUCKET}/{KEY}", ali_oss_put_headers(session, when=utc_now()), body)
    assert answer.status == 200, answer.body
    assert answer.headers["etag"] == f'"{hashlib.md5(body).hexdigest().upper()}"'
    assert answer.headers["access-control-allow-origin"] == PAGE
    assert answer.headers["access-control-expose-headers"] == "ETag, x-oss-request-id"
    assert authorizer.questions[-1].principal.arn == role_session_arn(ROLE_ARN, "browser")


def test_an_ali_oss_request_keeps_every_check(oss_server: RunningServer, session: Session) -> None:
    body = b"browser bytes"
    wrong = _send(
        oss_server, "PUT", f"/{BUCKET}/{KEY}", ali_oss_put_headers(session, when=utc_now(), secret="x"), body
    )
    assert wrong.status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in wrong.body
    assert wrong.headers["access-control-allow-origin"] == PAGE  # the page can read why
    stale = ali_oss_put_headers(session, when=utc_now() - timedelta(minutes=20))
    assert (
        b"<Code>RequestTimeTooSkewed</Code>" in _send(oss_server, "PUT", f"/{BUCKET}/{KEY}", stale, body).body
    )
    tampered = ali_oss_put_headers(session, when=utc_now())
    tampered["x-oss-date"] = format_datetime(utc_now() + timedelta(seconds=5), usegmt=True)
    assert (
        b"<Code>SignatureDoesNotMatch</Code>"
        in _send(oss_server, "PUT", f"/{BUCKET}/{KEY}", tampered, body).body
    )
    untokened = ali_oss_put_headers(session, when=utc_now(), token=False)  # an STS key without its token
    assert (
        b"<Code>InvalidAccessKeyId</Code>"
        in _send(oss_server, "PUT", f"/{BUCKET}/{KEY}", untokened, body).body
    )


def test_a_request_without_origin_gets_no_cors_headers(oss_server: RunningServer, session: Session) -> None:
    headers = ali_oss_put_headers(session, when=utc_now())
    del headers["Origin"]
    answer = _send(oss_server, "PUT", f"/{BUCKET}/{KEY}", headers, b"x")
    assert answer.status == 200
    assert not any(name.startswith("access-control-") for name in answer.headers)
