"""What both OpenAPI signature versions share: the verified call, the parameters, the refusals.

Error codes and HTTP statuses: Alibaba Cloud's common OpenAPI error codes (docs/sandbox-protocols.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl

from icekit.sandbox.refusal import Refusal
from icekit.sandbox.wire import IncomingRequest

__all__ = [
    "FORM_CONTENT_TYPE",
    "OPENAPI_TIMESTAMP_FORMAT",
    "SecretLookup",
    "VerifiedCall",
    "body_params",
    "expired_timestamp",
    "incomplete_signature",
    "nonce_used",
    "parse_timestamp",
    "signature_mismatch",
    "unique_params",
    "unknown_access_key",
]

# The SDK signers write UTC times like 2026-12-01T20:07:01Z (alibabacloud_tea_openapi/utils.py get_timestamp).
OPENAPI_TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"

SecretLookup = Callable[[str], str | None]
"""The AccessKey secret of an AccessKey ID, or None if the sandbox does not know the ID."""


@dataclass(frozen=True)
class VerifiedCall:
    """A request whose signature checked out: who signed it and what it asks for."""

    access_key_id: str
    security_token: str | None
    action: str
    version: str
    params: dict[str, str]  # the operation's own parameters (query and form body)
    signature_method: str  # "ACS3-HMAC-SHA256" (V3) or "HMAC-SHA1" (V2)


def unique_params(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The pairs as a dict; a name given twice is ambiguous to sign, so it is refused."""
    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params:
            raise Refusal("InvalidParameter", f'The parameter "{name}" is given more than once.')
        params[name] = value
    return params


def body_params(request: IncomingRequest) -> list[tuple[str, str]]:
    """The form-encoded body's parameters (the SDKs send a form body for `formData` operations)."""
    content_type = (request.header("content-type") or "").split(";")[0].strip().lower()
    if content_type != FORM_CONTENT_TYPE or not request.body:
        return []
    try:
        return parse_qsl(request.body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        raise Refusal("InvalidParameter", "The form body is not UTF-8.") from None


def parse_timestamp(value: str | None, name: str) -> datetime:
    if not value:
        raise Refusal("MissingParameter", f'The input parameter "{name}" is not supplied.')
    try:
        return datetime.strptime(value, OPENAPI_TIMESTAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise Refusal(
            "InvalidTimeStamp.Format", f'Specified "{name}" is not in the format yyyy-MM-ddTHH:mm:ssZ.'
        ) from None


def expired_timestamp() -> Refusal:
    return Refusal("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")


def nonce_used() -> Refusal:
    return Refusal("SignatureNonceUsed", "Specified signature nonce was used already.")


def unknown_access_key() -> Refusal:
    return Refusal("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404)


def signature_mismatch(detail: str = "") -> Refusal:
    message = "Specified signature is not matched with our calculation."
    return Refusal("SignatureDoesNotMatch", f"{message} {detail}".strip())


def incomplete_signature(detail: str) -> Refusal:
    return Refusal(
        "IncompleteSignature", f"The request signature does not conform to Aliyun standards. {detail}"
    )
