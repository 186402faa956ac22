"""Verify the signature of an incoming STS or ICE OpenAPI request, whichever version the SDK signed it with.

`verify_openapi_request` picks V3 (an `Authorization: ACS3-...` header, the SDK default) or V2 (a `Signature`
parameter, RPC style) and returns the `VerifiedCall`, or raises a `Refusal` with the OpenAPI error code.
Whether the AccessKey's security token is valid is the credential store's question, asked after this one.
"""

from __future__ import annotations

from datetime import datetime

from icekit.sandbox.acs3_signature import verify_acs3
from icekit.sandbox.freshness import NonceLedger
from icekit.sandbox.openapi_common import SecretLookup, VerifiedCall, body_params
from icekit.sandbox.refusal import Refusal
from icekit.sandbox.rpc_signature import verify_rpc
from icekit.sandbox.wire import IncomingRequest

__all__ = ["SecretLookup", "VerifiedCall", "verify_openapi_request"]


def verify_openapi_request(
    request: IncomingRequest, secret_for: SecretLookup, nonces: NonceLedger, now: datetime
) -> VerifiedCall:
    if (request.header("authorization") or "").startswith("ACS3-"):
        return verify_acs3(request, secret_for, nonces, now)
    if any(name == "Signature" for name, _ in [*request.query, *body_params(request)]):
        return verify_rpc(request, secret_for, nonces, now)
    raise Refusal(
        "MissingParameter", 'The input parameter "Signature" is not supplied (nor an ACS3 Authorization).'
    )
