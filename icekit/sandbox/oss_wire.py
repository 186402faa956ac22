"""OSS responses as oss2 and alibabacloud-oss-v2 parse them: XML bodies; errors as `<Error>` with `Code`,
`Message`, `RequestId`, `HostId` (oss2/exceptions.py make_exception, alibabacloud_oss_v2/_client.py
_to_service_error), the request ID also in `x-oss-request-id`. A HEAD response has no body, so its error goes
base64-encoded in the `x-oss-err` header, which both SDKs decode."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree

from werkzeug.wrappers import Response

from icekit.sandbox.credentials import CredentialProblem
from icekit.sandbox.refusal import Refusal

__all__ = ["credential_refusal", "new_oss_request_id", "oss_error", "oss_response", "xml_document"]

_XML = "application/xml"

# OSS error codes for AccessKey and STS token problems (docs/sandbox-protocols.md).
_CREDENTIAL_REFUSALS: Mapping[CredentialProblem, tuple[str, str]] = {
    CredentialProblem.UNKNOWN_KEY: (
        "InvalidAccessKeyId",
        "The OSS Access Key Id you provided does not exist in our records.",
    ),
    CredentialProblem.TOKEN_MISSING: (
        "InvalidAccessKeyId",
        "The temporary AccessKey needs its security token.",
    ),
    CredentialProblem.TOKEN_MISMATCH: ("InvalidSecurityToken", "The security token you provided is invalid."),
    CredentialProblem.TOKEN_EXPIRED: ("SecurityTokenExpired", "The security token you provided has expired."),
    CredentialProblem.TOKEN_UNEXPECTED: (
        "InvalidSecurityToken",
        "A security token came with a long-term key.",
    ),
}


def new_oss_request_id() -> str:
    """24 upper-case hex digits, the form of OSS request IDs."""
    return secrets.token_hex(12).upper()


def credential_refusal(problem: CredentialProblem) -> Refusal:
    code, message = _CREDENTIAL_REFUSALS[problem]
    return Refusal(code, message, 403)


def xml_document(root: str, fields: Mapping[str, Any]) -> bytes:
    """`<root><Name>value</Name>...</root>`, escaped, in the order given."""
    element = ElementTree.Element(root)
    for name, value in fields.items():
        ElementTree.SubElement(element, name).text = str(value)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + bytes(
        ElementTree.tostring(element, encoding="utf-8")
    )


def oss_response(
    request_id: str, *, status: int = 200, body: bytes = b"", headers: Mapping[str, str] | None = None
) -> Response:
    response = Response(body, status=status, content_type=_XML if body else None)
    response.headers["x-oss-request-id"] = request_id
    response.headers["Server"] = "AliyunOSS"
    response.headers.update(headers or {})
    return response


def oss_error(refusal: Refusal, request_id: str, host: str, *, head: bool) -> Response:
    fields = {"Code": refusal.code, "Message": refusal.message, "RequestId": request_id, "HostId": host}
    document = xml_document("Error", {**fields, **refusal.details})
    if head:
        encoded = base64.b64encode(document).decode("ascii")
        return oss_response(request_id, status=refusal.status, headers={"x-oss-err": encoded})
    return oss_response(request_id, status=refusal.status, body=document)
