"""ICE's HTTP callback authentication: compute and verify `X-ICE-SIGNATURE`.

Source (verified): ICE "Callback authentication" (回调鉴权), https://help.aliyun.com/document_detail/610690.html
(English: https://help.aliyun.com/en/ims/user-guide/callback-authentication). With AuthSwitch on, ICE adds two
headers to each callback POST:
- `X-ICE-TIMESTAMP`: when the request was made, UNIX seconds;
- `X-ICE-SIGNATURE`: the 32-character MD5 hex digest of `<callback URL>|<X-ICE-TIMESTAMP>|<auth key>`.
The receiver recomputes it, refuses a timestamp older than its own window (the page's example: 5
minutes), and during a key rotation accepts the old and the new key. The signature does not cover the
body: a body is only as trustworthy as its (URL, timestamp) pair is fresh, so act on an event after
checking it (e.g. GetMediaInfo), and drop repeats of one (timestamp, signature) pair if a replay inside
the window matters to you.

`url` is the callback URL as configured in ICE (SetEventCallback's CallbackURL, or the per-upload
UserData.MessageCallback.CallbackURL), not one rebuilt from the request: proxies change scheme, host and port.

The page's example digest (masked c72b60894140fa98920f1279219b****) is MD5 with the key `test123`,
although the page prints `Test123` (the example was copied from VOD's page): tests/callbacks has both.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from icekit.callbacks.events import IceEvent

__all__ = [
    "DEFAULT_MAX_AGE",
    "FUTURE_SKEW",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "CallbackRejected",
    "HeaderSource",
    "RejectReason",
    "sign",
    "verify",
]

TIMESTAMP_HEADER: Final = "X-ICE-TIMESTAMP"
SIGNATURE_HEADER: Final = "X-ICE-SIGNATURE"
DEFAULT_MAX_AGE: Final = 300
# How far ahead of the receiver's clock a timestamp may be: ICE's and the receiver's clocks are both
# NTP-synced, so more than a minute ahead is not drift but a forged or mis-set time.
FUTURE_SKEW: Final = 60

# UNIX seconds in ASCII digits: int() alone would also take "+1", "1_000", " 1 " and non-ASCII digits.
_TIMESTAMP: Final = re.compile(r"[0-9]{1,12}", re.ASCII)
_HEX_DIGEST: Final = re.compile(r"[0-9a-f]{32}", re.ASCII)

HeaderSource = Mapping[str, str] | Iterable[tuple[str | bytes, str | bytes]]


class RejectReason(enum.StrEnum):
    MISSING_HEADER = "missing-header"
    DUPLICATE_HEADER = "duplicate-header"
    MALFORMED_TIMESTAMP = "malformed-timestamp"
    MALFORMED_SIGNATURE = "malformed-signature"
    BAD_SIGNATURE = "bad-signature"
    STALE = "stale"
    FUTURE = "future"
    BODY_NOT_JSON = "body-not-json"
    NOT_AN_EVENT = "not-an-event"


class CallbackRejected(Exception):
    """A callback that must not be acted on; `reason` says which check failed, `detail` how (no secrets)."""

    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def sign(url: str, timestamp: int | str, key: str) -> str:
    """The X-ICE-SIGNATURE ICE sends for `url` at `timestamp` (UNIX seconds) with auth key `key`."""
    text = f"{url}|{timestamp}|{key}".encode()
    # MD5 is ICE's choice, not ours; usedforsecurity=False keeps FIPS-restricted builds from refusing it.
    return hashlib.md5(text, usedforsecurity=False).hexdigest()


def verify(
    url: str,
    headers: HeaderSource,
    body: bytes | str,
    keys: str | Iterable[str],
    *,
    now: float | None = None,
    max_age: int = DEFAULT_MAX_AGE,
    future_skew: int = FUTURE_SKEW,
) -> IceEvent:
    """The event of an authentic, fresh ICE callback; raises CallbackRejected otherwise.

    `headers` are read case-insensitively: a mapping, or (name, value) pairs as ASGI and WSGI servers
    give them.
    `keys` are the auth keys to accept (one string, or several during a rotation); every key is compared, in
    constant time, whichever matches. `now` defaults to the current time.
    """
    candidates = (keys,) if isinstance(keys, str) else tuple(keys)
    if not candidates:
        raise ValueError("verify() needs at least one auth key")
    found = _ice_headers(headers)
    stamp = found[TIMESTAMP_HEADER]
    timestamp = _timestamp(stamp)
    given = found[SIGNATURE_HEADER].lower()
    if _HEX_DIGEST.fullmatch(given) is None:
        raise CallbackRejected(RejectReason.MALFORMED_SIGNATURE, f"{SIGNATURE_HEADER} is not 32 hex digits")
    matched = False
    for key in candidates:
        # the header's own text is what ICE signed (leading zeros included)
        matched |= hmac.compare_digest(sign(url, stamp, key), given)
    if not matched:
        raise CallbackRejected(
            RejectReason.BAD_SIGNATURE,
            f"{SIGNATURE_HEADER} matches none of the {len(candidates)} key(s) for this URL and timestamp",
        )
    _check_age(timestamp, time.time() if now is None else now, max_age, future_skew)
    return _event_of(body)


def _text(value: str | bytes) -> str:
    # HTTP header bytes are ISO-8859-1 by definition (RFC 9110); the values checked here are ASCII anyway.
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _ice_headers(headers: HeaderSource) -> dict[str, str]:
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    wanted = {TIMESTAMP_HEADER.casefold(): TIMESTAMP_HEADER, SIGNATURE_HEADER.casefold(): SIGNATURE_HEADER}
    seen: dict[str, set[str]] = {name: set() for name in wanted.values()}
    for raw_name, raw_value in pairs:
        name = wanted.get(_text(raw_name).strip().casefold())
        if name is not None:
            seen[name].add(_text(raw_value).strip(" \t"))
    for name, values in seen.items():
        if not values:
            raise CallbackRejected(RejectReason.MISSING_HEADER, f"the request has no {name} header")
        if len(values) > 1:
            raise CallbackRejected(
                RejectReason.DUPLICATE_HEADER, f"the request has {len(values)} different {name} values"
            )
    return {name: values.pop() for name, values in seen.items()}


def _timestamp(value: str) -> int:
    if _TIMESTAMP.fullmatch(value) is None:
        raise CallbackRejected(
            RejectReason.MALFORMED_TIMESTAMP, f"{TIMESTAMP_HEADER} is not UNIX seconds (1 to 12 ASCII digits)"
        )
    return int(value)


def _check_age(timestamp: int, now: float, max_age: int, future_skew: int) -> None:
    age = now - timestamp
    if age > max_age:
        raise CallbackRejected(
            RejectReason.STALE,
            f"{TIMESTAMP_HEADER} {timestamp} is {age:.0f} s old; at most {max_age} s accepted",
        )
    if -age > future_skew:
        raise CallbackRejected(
            RejectReason.FUTURE,
            f"{TIMESTAMP_HEADER} {timestamp} is {-age:.0f} s ahead of this clock; "
            f"at most {future_skew} s accepted",
        )


def _event_of(body: bytes | str) -> IceEvent:
    # Imported here: pydantic is the one slow import, and a rejected request never needs it.
    from icekit.callbacks.events import NotAnEventError, parse_event
    from icekit.json_input import parse_json

    try:
        document = parse_json(body.decode("utf-8") if isinstance(body, bytes) else body)
    except ValueError as error:  # JSONDecodeError, UnicodeDecodeError and NaN/Infinity are all ValueErrors
        raise CallbackRejected(RejectReason.BODY_NOT_JSON, f"the body is not JSON ({error})") from None
    try:
        return parse_event(document)
    except NotAnEventError as error:
        raise CallbackRejected(RejectReason.NOT_AN_EVENT, str(error)) from None
