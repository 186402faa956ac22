"""Verify OpenAPI signature V3 (`Authorization: ACS3-HMAC-SHA256 ...`), alibabacloud-tea-openapi's default.

The canonical request is rebuilt exactly as the SDK builds it (alibabacloud_tea_openapi/utils.py
`get_authorization`, `get_canonical_query_string`, `get_canonicalized_headers`):

    METHOD \\n path \\n sorted query (name raw, value percent-encoded, `~` kept) \\n
    `name:value\\n` per signed header (lower-case, trimmed, sorted) \\n signed header names `;`-joined \\n
    hex SHA-256 of the body

signed with HMAC-SHA256 over `ACS3-HMAC-SHA256\\n<hex SHA-256 of the canonical request>`, hex-encoded.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from urllib.parse import quote

from icekit.sandbox.freshness import NonceLedger, require_within_window
from icekit.sandbox.openapi_common import (
    SecretLookup,
    VerifiedCall,
    body_params,
    expired_timestamp,
    incomplete_signature,
    nonce_used,
    parse_timestamp,
    signature_mismatch,
    unique_params,
    unknown_access_key,
)
from icekit.sandbox.refusal import Refusal
from icekit.sandbox.wire import IncomingRequest

__all__ = ["ACS3_ALGORITHM", "canonical_request", "verify_acs3"]

ACS3_ALGORITHM = "ACS3-HMAC-SHA256"
# Headers the SDK always signs; a request without them in SignedHeaders could be replayed or retargeted.
_REQUIRED_SIGNED = frozenset(
    {"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}
)


def _parse_authorization(value: str) -> tuple[str, str, list[str], str]:
    """(algorithm, AccessKey ID, signed header names, signature) of an ACS3 Authorization header."""
    algorithm, _, rest = value.partition(" ")
    fields: dict[str, str] = {}
    for part in rest.split(","):
        name, sep, field_value = part.strip().partition("=")
        if sep:
            fields[name] = field_value
    missing = [name for name in ("Credential", "SignedHeaders", "Signature") if not fields.get(name)]
    if missing:
        raise incomplete_signature(f"Authorization lacks {', '.join(missing)}.")
    return algorithm, fields["Credential"], fields["SignedHeaders"].split(";"), fields["Signature"]


def _check_signed_headers(request: IncomingRequest, signed: list[str]) -> None:
    if signed != sorted(signed) or any(name != name.lower() for name in signed):
        raise incomplete_signature("SignedHeaders must be lower-case names in sorted order.")
    # Every x-acs-* header the request carries is signed too (the security token among them).
    must_sign = _REQUIRED_SIGNED | {name for name in request.headers if name.startswith("x-acs-")}
    unsigned = must_sign - set(signed)
    if unsigned:
        raise incomplete_signature(f"These headers must be signed: {', '.join(sorted(unsigned))}.")
    absent = [name for name in signed if name not in request.headers]
    if absent:
        raise incomplete_signature(f"Signed headers are missing from the request: {', '.join(absent)}.")


def canonical_request(request: IncomingRequest, signed: list[str], payload_hash: str) -> str:
    query = unique_params(request.query)
    canonical_query = "&".join(f"{name}={quote(query[name], safe='~')}" for name in sorted(query))
    canonical_headers = "".join(
        f"{name}:{','.join(sorted(v.strip() for v in request.headers[name]))}\n" for name in signed
    )
    return "\n".join(
        [
            request.method,
            request.raw_path or "/",
            canonical_query,
            canonical_headers,
            ";".join(signed),
            payload_hash,
        ]
    )


def _signature(secret: str, canonical: str) -> str:
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    string_to_sign = f"{ACS3_ALGORITHM}\n{digest}"
    return hmac.new(secret.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def verify_acs3(
    request: IncomingRequest, secret_for: SecretLookup, nonces: NonceLedger, now: datetime
) -> VerifiedCall:
    """The verified call, or a Refusal naming what is wrong (format, time, key, signature, replay)."""
    algorithm, access_key_id, signed, signature = _parse_authorization(request.header("authorization") or "")
    if algorithm != ACS3_ALGORITHM:
        raise Refusal(
            "InvalidSignatureMethod", f"The sandbox verifies {ACS3_ALGORITHM} only, not {algorithm!r}."
        )
    _check_signed_headers(request, signed)
    require_within_window(
        parse_timestamp(request.header("x-acs-date"), "x-acs-date"), now, expired_timestamp()
    )
    payload_hash = request.header("x-acs-content-sha256") or ""
    if not hmac.compare_digest(payload_hash, hashlib.sha256(request.body).hexdigest()):
        raise signature_mismatch("The body does not match x-acs-content-sha256.")
    if request.header("x-acs-accesskey-id") not in (None, access_key_id):
        raise incomplete_signature("x-acs-accesskey-id differs from the Credential.")
    secret = secret_for(access_key_id)
    if secret is None:
        raise unknown_access_key()
    canonical = canonical_request(request, signed, payload_hash)
    if not hmac.compare_digest(signature, _signature(secret, canonical)):
        raise signature_mismatch(f"server canonical request is: {canonical!r}")
    nonces.use(request.header("x-acs-signature-nonce") or "", now, nonce_used())
    return VerifiedCall(
        access_key_id=access_key_id,
        security_token=request.header("x-acs-security-token"),
        action=request.header("x-acs-action") or "",
        version=request.header("x-acs-version") or "",
        params=unique_params([*request.query, *body_params(request)]),
        signature_method=ACS3_ALGORITHM,
    )
