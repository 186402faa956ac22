"""OpenAPI responses as the SDK parses them (alibabacloud_tea_openapi/client.py `do_request`): JSON bodies;
on an error, HTTP 4xx/5xx with `Code`, `Message`, `RequestId` (and `HostId`), which the SDK turns into a
ClientException (4xx) or ServerException (5xx) carrying `code`, `request_id` and `data`."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from werkzeug.wrappers import Response

from icekit.sandbox.authorizer import AuthorizationDecision
from icekit.sandbox.credentials import CredentialProblem
from icekit.sandbox.refusal import Refusal

__all__ = ["access_denied", "credential_refusal", "new_request_id", "openapi_error", "openapi_success"]

_JSON = "application/json;charset=utf-8"

# Common OpenAPI error codes for AccessKey and STS token problems (docs/sandbox-protocols.md).
_CREDENTIAL_REFUSALS: Mapping[CredentialProblem, tuple[str, str, int]] = {
    CredentialProblem.UNKNOWN_KEY: ("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404),
    CredentialProblem.TOKEN_MISSING: (
        "MissingSecurityToken",
        "SecurityToken is mandatory for this AccessKey.",
        400,
    ),
    CredentialProblem.TOKEN_MISMATCH: (
        "InvalidSecurityToken.MismatchWithAccessKey",
        "Specified SecurityToken mismatch with the AccessKey.",
        400,
    ),
    CredentialProblem.TOKEN_EXPIRED: (
        "InvalidSecurityToken.Expired",
        "Specified SecurityToken is expired.",
        400,
    ),
    CredentialProblem.TOKEN_UNEXPECTED: (
        "InvalidSecurityToken.MismatchWithAccessKey",
        "A SecurityToken was sent with a long-term AccessKey.",
        400,
    ),
}


def new_request_id() -> str:
    """Upper-case UUID, the form of Alibaba's OpenAPI RequestIds."""
    return str(uuid.uuid4()).upper()


def credential_refusal(problem: CredentialProblem) -> Refusal:
    code, message, status = _CREDENTIAL_REFUSALS[problem]
    return Refusal(code, message, status)


def openapi_success(body: Mapping[str, Any], request_id: str) -> Response:
    payload = {**body, "RequestId": request_id}
    return Response(json.dumps(payload, ensure_ascii=False), status=200, content_type=_JSON)


def openapi_error(refusal: Refusal, request_id: str, host: str) -> Response:
    payload = {
        "RequestId": request_id,
        "HostId": host,
        "Code": refusal.code,
        "Message": refusal.message,
        **refusal.details,
    }
    return Response(json.dumps(payload, ensure_ascii=False), status=refusal.status, content_type=_JSON)


def access_denied(code: str, message: str) -> Callable[[str, AuthorizationDecision], Refusal]:
    """The refusal of a call the Authorizer did not allow: HTTP 403, the service's code and message, and an
    `AccessDeniedDetail` (the SDK exposes it as `access_denied_detail`) that says why."""

    def refusal(action: str, decision: AuthorizationDecision) -> Refusal:
        return Refusal(code, message, 403, details={"AccessDeniedDetail": decision.denial_detail(action)})

    return refusal
