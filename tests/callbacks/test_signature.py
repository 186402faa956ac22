from __future__ import annotations

import json
from typing import Any

import pytest

from icekit.callbacks import CallbackRejected, RejectReason, sign, verify
from icekit.callbacks.events import FileUploadComplete
from icekit.callbacks.signature import DEFAULT_MAX_AGE, FUTURE_SKEW

URL = "https://www.example.com/your/callback"
STAMP = 1519375990
KEY = "Test123Key"


def _body(**overrides: Any) -> bytes:
    document: dict[str, Any] = {
        "EventType": "FileUploadComplete",
        "UserId": 1833220977560000,
        "EventTime": "2022-07-15T08:48:14Z",
        "MessageBody": {
            "Status": "Success",
            "FileUrl": "http://outin-0.oss-cn-shanghai.aliyuncs.com/sv/93ad7c5/93ad7c5.mp4",
            "MediaId": "c321b3a0041a71eda1590674a2ce0000",
            "AppId": "app-1000000",
            "Size": "5510872",
            "MediaType": "video",
        },
    }
    document.update(overrides)
    return json.dumps(document).encode()


def _headers(stamp: int | str = STAMP, key: str = KEY, url: str = URL) -> dict[str, str]:
    return {"X-ICE-TIMESTAMP": str(stamp), "X-ICE-SIGNATURE": sign(url, stamp, key)}


def _rejected(
    headers: Any, body: bytes | str = b"", keys: Any = KEY, now: float = STAMP + 1
) -> CallbackRejected:
    with pytest.raises(CallbackRejected) as caught:
        verify(URL, headers, body or _body(), keys, now=now)
    return caught.value


def test_facts_sheet_vector() -> None:
    assert sign(URL, 1519375990, "test123") == "c72b60894140fa98920f1279219b7ed4"
    assert sign(URL, "1519375990", "test123") == "c72b60894140fa98920f1279219b7ed4"


def test_the_key_ice_page_prints_gives_another_digest() -> None:
    assert sign(URL, 1519375990, "Test123") == "c587b80d2d0ede300e8967937da7219b"


def test_a_genuine_callback_gives_its_typed_event() -> None:
    event = verify(URL, _headers(), _body(), KEY, now=STAMP + 10)
    assert isinstance(event, FileUploadComplete)
    assert event.MessageBody.MediaId == "c321b3a0041a71eda1590674a2ce0000"
    assert event.MessageBody.size_bytes == 5510872


def test_the_facts_sheet_vector_verifies() -> None:
    headers = {"X-ICE-TIMESTAMP": "1519375990", "X-ICE-SIGNATURE": "c72b60894140fa98920f1279219b7ed4"}
    assert verify(URL, headers, _body(), "test123", now=STAMP).EventType == "FileUploadComplete"
    assert _rejected(headers, keys="Test123").reason is RejectReason.BAD_SIGNATURE


def test_wrong_key_is_a_bad_signature() -> None:
    rejected = _rejected(_headers(key="OtherKey1"))
    assert rejected.reason is RejectReason.BAD_SIGNATURE
    assert "1 key(s)" in rejected.detail


def test_another_url_is_a_bad_signature() -> None:
    assert _rejected(_headers(url="https://www.example.com/other")).reason is RejectReason.BAD_SIGNATURE


def test_stale_timestamp_is_refused() -> None:
    rejected = _rejected(_headers(), now=STAMP + DEFAULT_MAX_AGE + 1)
    assert rejected.reason is RejectReason.STALE
    assert f"{DEFAULT_MAX_AGE + 1} s old" in rejected.detail
    verify(URL, _headers(), _body(), KEY, now=STAMP + DEFAULT_MAX_AGE)  # the window's edge still passes


def test_max_age_is_the_receivers_choice() -> None:
    with pytest.raises(CallbackRejected) as caught:
        verify(URL, _headers(), _body(), KEY, now=STAMP + 61, max_age=60)
    assert caught.value.reason is RejectReason.STALE


def test_future_timestamp_beyond_the_skew_is_refused() -> None:
    verify(URL, _headers(), _body(), KEY, now=STAMP - FUTURE_SKEW)
    rejected = _rejected(_headers(), now=STAMP - FUTURE_SKEW - 1)
    assert rejected.reason is RejectReason.FUTURE
    assert "ahead of this clock" in rejected.detail


def test_replayed_body_with_another_timestamp_is_refused() -> None:
    captured = _headers()
    replay = {"X-ICE-TIMESTAMP": str(STAMP + 600), "X-ICE-SIGNATURE": captured["X-ICE-SIGNATURE"]}
    assert _rejected(replay, now=STAMP + 600).reason is RejectReason.BAD_SIGNATURE
    # ... and the captured pair itself, replayed later, is stale
    assert _rejected(captured, now=STAMP + 600).reason is RejectReason.STALE


def test_rotation_accepts_the_old_and_the_new_key() -> None:
    keys = ["OldKey123", "NewKey456"]
    for key in keys:
        assert verify(URL, _headers(key=key), _body(), keys, now=STAMP).EventType == "FileUploadComplete"
    assert _rejected(_headers(key="Retired789"), keys=keys).detail.count("2 key(s)") == 1
    assert verify(URL, _headers(key="NewKey456"), _body(), iter(keys), now=STAMP)


def test_headers_are_case_insensitive_and_may_be_pairs_or_bytes() -> None:
    signature = sign(URL, STAMP, KEY)
    forms: list[Any] = [
        {"x-ice-timestamp": str(STAMP), "x-ice-signature": signature},
        {"X-Ice-Timestamp": str(STAMP), "X-Ice-Signature": signature.upper()},
        [
            ("X-ICE-TIMESTAMP", f" {STAMP} "),
            ("Content-Type", "application/json"),
            ("X-ICE-SIGNATURE", signature),
        ],
        [(b"x-ice-timestamp", str(STAMP).encode()), (b"x-ice-signature", signature.encode())],
    ]
    for headers in forms:
        assert verify(URL, headers, _body(), KEY, now=STAMP).EventType == "FileUploadComplete"


def test_the_timestamp_is_checked_as_sent() -> None:
    # ICE signs the header's text: a zero-padded stamp verifies only against its own padding.
    padded = "0" + str(STAMP)
    headers = {"X-ICE-TIMESTAMP": padded, "X-ICE-SIGNATURE": sign(URL, padded, KEY)}
    assert verify(URL, headers, _body(), KEY, now=STAMP)
    headers["X-ICE-SIGNATURE"] = sign(URL, STAMP, KEY)
    assert _rejected(headers).reason is RejectReason.BAD_SIGNATURE


@pytest.mark.parametrize("missing", ["X-ICE-TIMESTAMP", "X-ICE-SIGNATURE"])
def test_a_missing_header_is_named(missing: str) -> None:
    headers = _headers()
    del headers[missing]
    rejected = _rejected(headers)
    assert rejected.reason is RejectReason.MISSING_HEADER
    assert missing in rejected.detail


def test_two_different_values_of_one_header_are_refused() -> None:
    pairs = [*_headers().items(), ("x-ice-timestamp", str(STAMP + 1))]
    assert _rejected(pairs).reason is RejectReason.DUPLICATE_HEADER
    assert verify(URL, [*_headers().items(), ("x-ice-timestamp", str(STAMP))], _body(), KEY, now=STAMP)


ARABIC_INDIC_STAMP = "\u0661\u0665\u0661\u0669"  # digits int() would take


@pytest.mark.parametrize(
    "stamp", ["", "abc", "1.5", "-1", "+15193", "1_519_375", ARABIC_INDIC_STAMP, "1" * 13]
)
def test_malformed_timestamps_are_refused(stamp: str) -> None:
    headers = {"X-ICE-TIMESTAMP": stamp, "X-ICE-SIGNATURE": sign(URL, stamp, KEY)}
    assert _rejected(headers).reason is RejectReason.MALFORMED_TIMESTAMP


@pytest.mark.parametrize("signature", ["", "xyz", "c72b6089", "g" * 32, "c72b60894140fa98920f1279219b7ed4ff"])
def test_malformed_signatures_are_refused(signature: str) -> None:
    headers = {"X-ICE-TIMESTAMP": str(STAMP), "X-ICE-SIGNATURE": signature}
    assert _rejected(headers).reason is RejectReason.MALFORMED_SIGNATURE


@pytest.mark.parametrize("body", [b"{", b"not json", b"\xff\xfe\x00", b'{"EventType": NaN}'])
def test_a_body_that_is_not_json_is_refused(body: bytes) -> None:
    assert _rejected(_headers(), body=body).reason is RejectReason.BODY_NOT_JSON


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"[]", "an array"),
        (b'"FileUploadComplete"', "a string"),
        (b"{}", "EventType"),
        (_body(UserId="someone"), "UserId"),
        (_body(MessageBody={"Status": "Done"}), "MessageBody.Status"),
    ],
)
def test_json_that_is_not_an_event_is_refused(body: bytes, says: str) -> None:
    rejected = _rejected(_headers(), body=body)
    assert rejected.reason is RejectReason.NOT_AN_EVENT
    assert says in rejected.detail


def test_signature_is_checked_before_the_body_is_read() -> None:
    assert _rejected(_headers(key="OtherKey1"), body=b"{").reason is RejectReason.BAD_SIGNATURE


def test_verify_needs_a_key() -> None:
    with pytest.raises(ValueError, match="at least one auth key"):
        verify(URL, _headers(), _body(), [], now=STAMP)


def test_a_rejection_never_shows_the_keys_or_the_expected_signature() -> None:
    rejected = _rejected(_headers(key="OtherKey1"))
    assert KEY not in str(rejected)
    assert sign(URL, STAMP, KEY) not in str(rejected)
    assert str(rejected).startswith("bad-signature: ")
