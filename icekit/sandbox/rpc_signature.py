"""Verify OpenAPI signature V2 (RPC style, `SignatureMethod=HMAC-SHA1`), what alibabacloud-tea-openapi sends
with `Config(signature_algorithm="v2")` and what alibabacloud-credentials' own STS call sends.

As the SDK computes it (alibabacloud_tea_openapi/utils.py `get_rpcsignature`): every query and form-body
parameter but `Signature`, sorted by name, each name and value percent-encoded (RFC 3986, `~` kept), joined
`name=value` with `&`; string to sign `METHOD&%2F&<that string percent-encoded again>`; signature
base64(HMAC-SHA1(key = secret + "&")).
"""

from __future__ import annotations

import base64
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
    nonce_used,
    parse_timestamp,
    signature_mismatch,
    unique_params,
    unknown_access_key,
)
from icekit.sandbox.refusal import Refusal
from icekit.sandbox.wire import IncomingRequest

__all__ = ["RPC_SIGNATURE_METHOD", "RPC_SIGNATURE_VERSION", "rpc_string_to_sign", "verify_rpc"]

RPC_SIGNATURE_METHOD = "HMAC-SHA1"
RPC_SIGNATURE_VERSION = "1.0"
# Common parameters of the RPC protocol: signed, but not the operation's own.
_COMMON = frozenset(
    {
        "AccessKeyId",
        "Action",
        "Format",
        "SecurityToken",
        "Signature",
        "SignatureMethod",
        "SignatureNonce",
        "SignatureType",
        "SignatureVersion",
        "Timestamp",
        "Version",
    }
)


def _encode(text: str) -> str:
    return quote(text, safe="~")


def rpc_string_to_sign(method: str, params: dict[str, str]) -> str:
    signed = {name: value for name, value in params.items() if name != "Signature"}
    canonical = "&".join(f"{_encode(name)}={_encode(signed[name])}" for name in sorted(signed))
    return f"{method}&{_encode('/')}&{_encode(canonical)}"


def _required(params: dict[str, str], name: str) -> str:
    value = params.get(name)
    if not value:
        raise Refusal("MissingParameter", f'The input parameter "{name}" is not supplied.')
    return value


def verify_rpc(
    request: IncomingRequest, secret_for: SecretLookup, nonces: NonceLedger, now: datetime
) -> VerifiedCall:
    """The verified call, or a Refusal naming what is wrong (format, time, key, signature, replay)."""
    params = unique_params([*request.query, *body_params(request)])
    signature = _required(params, "Signature")
    method = _required(params, "SignatureMethod")
    if method != RPC_SIGNATURE_METHOD:
        raise Refusal(
            "InvalidSignatureMethod", f"The sandbox verifies {RPC_SIGNATURE_METHOD} only, not {method!r}."
        )
    if _required(params, "SignatureVersion") != RPC_SIGNATURE_VERSION:
        raise Refusal(
            "InvalidSignatureVersion", f"Specified SignatureVersion is not {RPC_SIGNATURE_VERSION}."
        )
    nonce = _required(params, "SignatureNonce")
    require_within_window(parse_timestamp(params.get("Timestamp"), "Timestamp"), now, expired_timestamp())
    access_key_id = _required(params, "AccessKeyId")
    secret = secret_for(access_key_id)
    if secret is None:
        raise unknown_access_key()
    string_to_sign = rpc_string_to_sign(request.method, params)
    expected = base64.b64encode(
        hmac.new(f"{secret}&".encode(), string_to_sign.encode("utf-8"), hashlib.sha1).digest()
    ).decode("ascii")
    if not hmac.compare_digest(signature, expected):
        raise signature_mismatch(f"server string to sign is: {string_to_sign}")
    nonces.use(nonce, now, nonce_used())
    return VerifiedCall(
        access_key_id=access_key_id,
        security_token=params.get("SecurityToken"),
        action=_required(params, "Action"),
        version=_required(params, "Version"),
        params={name: value for name, value in params.items() if name not in _COMMON},
        signature_method=RPC_SIGNATURE_METHOD,
    )
