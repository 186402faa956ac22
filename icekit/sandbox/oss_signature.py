"""Verify the signature of an incoming OSS request: V1 (`Authorization: OSS <AccessKeyId>:<signature>`, oss2's
default) or V4 (`Authorization: OSS4-HMAC-SHA256 Credential=…`, alibabacloud-oss-v2's default, oss2 with
`auth_version="v4"`). Both are rebuilt as the SDKs build them (oss2/auth.py ProviderAuth, ProviderAuthV4;
alibabacloud_oss_v2/signer/v1.py, v4.py); docs/sandbox-protocols.md has the details and line references.
Signatures in the URL (presigned URLs) are not accepted yet.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import quote

from icekit.sandbox.freshness import require_within_window
from icekit.sandbox.openapi_common import SecretLookup
from icekit.sandbox.refusal import Refusal
from icekit.sandbox.wire import IncomingRequest

__all__ = ["OSS_V1", "OSS_V4", "UNSIGNED_PAYLOAD", "VerifiedOssCaller", "verify_oss_request"]

OSS_V1 = "OSS"
OSS_V4 = "OSS4-HMAC-SHA256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
_V4_TERMINATOR = "aliyun_v4_request"
_V4_PRODUCT = "oss"
# Query parameters V1 signs: the union of oss2's and alibabacloud-oss-v2's lists (oss2/auth.py
# ProviderAuth._subresource_key_set, alibabacloud_oss_v2/signer/v1.py SignerV1._subresource_key_set).
# The operations the sandbox serves use only uploads, uploadId and partNumber, which both lists hold.
# fmt: off
_V1_SUBRESOURCES = frozenset((
    "acl", "uploadId", "uploads", "partNumber", "group", "link", "delete", "website", "location",
    "objectInfo", "objectMeta", "response-content-type", "response-content-language",
    "response-cache-control", "response-content-encoding", "response-expires",
    "response-content-disposition", "logging", "cors", "lifecycle", "restore", "qos", "referer", "stat",
    "bucketInfo", "append", "position", "security-token", "live", "comp", "status", "vod", "startTime",
    "endTime", "x-oss-process", "symlink", "callback", "callback-var", "tagging", "encryption", "versions",
    "versioning", "versionId", "policy", "requestPayment", "x-oss-traffic-limit", "qosInfo", "asyncFetch",
    "x-oss-request-payer", "sequential", "inventory", "inventoryId", "continuation-token", "worm",
    "wormId", "wormExtend", "replication", "replicationLocation", "replicationProgress",
    "transferAcceleration", "cname", "metaQuery", "x-oss-ac-source-ip", "x-oss-ac-subnet-mask",
    "x-oss-ac-vpc-id", "x-oss-ac-forward-allow", "resourceGroup", "style", "styleName",
    "x-oss-async-process", "regionList", "x-oss-write-get-object-response", "bucketArchiveDirectRead",
    "httpsConfig", "redundancyTransition", "x-oss-target-redundancy-type",
    "x-oss-redundancy-transition-taskid", "accessPoint", "accessPointPolicy", "publicAccessBlock",
    "x-oss-access-point-name", "requesterQosInfo", "qosRequester", "resourcePoolInfo", "resourcePool",
    "resourcePoolBuckets", "cloudboxes",
))
# fmt: on


@dataclass(frozen=True)
class VerifiedOssCaller:
    access_key_id: str
    security_token: str | None
    version: str  # OSS_V1 or OSS_V4
    payload_sha256: str | None  # V4 with a signed payload: the body must hash to this (hex)


def _refuse_signature(string_to_sign: str) -> Refusal:
    return Refusal(
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.",
        403,
        details={"StringToSign": string_to_sign},
    )


def _invalid(message: str) -> Refusal:
    return Refusal("InvalidArgument", message, 400)


def _too_skewed() -> Refusal:
    return Refusal(
        "RequestTimeTooSkewed",
        "The difference between the request time and the current time is too large.",
        403,
    )


def _secret(secret_for: SecretLookup, access_key_id: str) -> str:
    secret = secret_for(access_key_id)
    if secret is None:
        raise Refusal(
            "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.", 403
        )
    return secret


def _oss_headers(request: IncomingRequest, also: frozenset[str] = frozenset()) -> str:
    names = sorted(n for n in request.headers if n.startswith("x-oss-") or n in also)
    return "".join(f"{name}:{request.header(name)}\n" for name in names)


def _v1_string_to_sign(request: IncomingRequest, bucket: str | None, key: str | None) -> str:
    resource = "/" if bucket is None else f"/{bucket}/{key or ''}"
    signed = sorted((k, v) for k, v in request.query if k in _V1_SUBRESOURCES)
    if signed:
        resource += "?" + "&".join(f"{k}={v}" if v else k for k, v in signed)
    date = request.header("x-oss-date") or request.header("date") or ""
    lines = [request.method, request.header("content-md5") or "", request.header("content-type") or "", date]
    return "\n".join([*lines, _oss_headers(request) + resource])


def _verify_v1(
    request: IncomingRequest, bucket: str | None, key: str | None, secret_for: SecretLookup, now: datetime
) -> VerifiedOssCaller:
    credential = (request.header("authorization") or "")[len(OSS_V1) + 1 :]
    access_key_id, sep, signature = credential.rpartition(":")
    if not sep or not access_key_id:
        raise _invalid("Authorization header is invalid: OSS <AccessKeyId>:<Signature> expected.")
    # OSS takes x-oss-date in place of Date when both could be sent: a browser may not set Date, so ali-oss
    # sends its time only as x-oss-date (lib/common/utils/createRequest.js:30-32), signed in both the date
    # line and the x-oss- headers. oss2 and alibabacloud-oss-v2 send Date alone: for them nothing changes.
    try:
        signed_at = parsedate_to_datetime(request.header("x-oss-date") or request.header("date") or "")
    except (TypeError, ValueError):
        raise Refusal("AccessDenied", "OSS authentication requires a valid Date.", 403) from None
    require_within_window(signed_at, now, _too_skewed())
    string_to_sign = _v1_string_to_sign(request, bucket, key)
    digest = hmac.new(
        _secret(secret_for, access_key_id).encode(), string_to_sign.encode("utf-8"), hashlib.sha1
    )
    if not hmac.compare_digest(signature, base64.b64encode(digest.digest()).decode("ascii")):
        raise _refuse_signature(string_to_sign)
    # alibabacloud-oss-v2's V1 signer sends the token as `security-token` (signer/v1.py), oss2 as x-oss-*.
    token = request.header("x-oss-security-token") or request.header("security-token")
    return VerifiedOssCaller(access_key_id, token, OSS_V1, None)


def _v4_fields(authorization: str) -> tuple[list[str], frozenset[str], str]:
    """(credential parts, additional header names, signature); both SDKs' spellings (`, ` or `,`) accepted."""
    fields = dict(part.strip().partition("=")[::2] for part in authorization[len(OSS_V4) + 1 :].split(","))
    credential = fields.get("Credential", "").split("/")
    if len(credential) != 5 or not fields.get("Signature"):
        raise _invalid(
            "Authorization header is invalid: Credential=<id>/<date>/<region>/oss/aliyun_v4_request."
        )
    additional = frozenset(h.lower() for h in fields.get("AdditionalHeaders", "").split(";") if h)
    return credential, additional, fields["Signature"]


def _v4_canonical_request(
    request: IncomingRequest, bucket: str | None, key: str | None, additional: frozenset[str]
) -> str:
    uri = "/" if bucket is None else f"/{bucket}/{key or ''}"
    encoded = sorted((quote(k, safe="~"), quote(v, safe="~")) for k, v in request.query)
    query = "&".join(f"{k}={v}" if v else k for k, v in encoded)
    headers = _oss_headers(request, frozenset({"content-type", "content-md5"}) | additional)
    payload = request.header("x-oss-content-sha256") or ""
    return "\n".join(
        [request.method, quote(uri, safe="/~"), query, headers, ";".join(sorted(additional)), payload]
    )


def _v4_signature(secret: str, date: str, region: str, string_to_sign: str) -> str:
    key = f"aliyun_v4{secret}".encode()
    for part in (date, region, _V4_PRODUCT, _V4_TERMINATOR):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def _v4_signed_at(request: IncomingRequest, scope_date: str) -> tuple[str, datetime]:
    stamp = request.header("x-oss-date") or ""
    try:
        signed_at = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise _invalid("V4 signatures need x-oss-date as yyyyMMddTHHmmssZ.") from None
    if stamp[:8] != scope_date:
        raise _invalid("Invalid signing date in Authorization header.")
    return stamp, signed_at


def _verify_v4(
    request: IncomingRequest,
    bucket: str | None,
    key: str | None,
    secret_for: SecretLookup,
    now: datetime,
    region: str,
) -> VerifiedOssCaller:
    (access_key_id, date, scope_region, product, terminator), additional, signature = _v4_fields(
        request.header("authorization") or ""
    )
    if scope_region != region or product != _V4_PRODUCT or terminator != _V4_TERMINATOR:
        raise _invalid(
            f"Invalid signing scope {date}/{scope_region}/{product}/{terminator}: region is {region}."
        )
    stamp, signed_at = _v4_signed_at(request, date)
    require_within_window(signed_at, now, _too_skewed())
    payload = request.header("x-oss-content-sha256")
    if not payload:
        raise _invalid("V4 signatures need x-oss-content-sha256.")
    canonical = _v4_canonical_request(request, bucket, key, additional)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    string_to_sign = f"{OSS_V4}\n{stamp}\n{date}/{region}/{_V4_PRODUCT}/{_V4_TERMINATOR}\n{digest}"
    expected = _v4_signature(_secret(secret_for, access_key_id), date, region, string_to_sign)
    if not hmac.compare_digest(signature, expected):
        raise _refuse_signature(string_to_sign + "\n\nCanonical request:\n" + canonical)
    token = request.header("x-oss-security-token")
    return VerifiedOssCaller(access_key_id, token, OSS_V4, None if payload == UNSIGNED_PAYLOAD else payload)


def verify_oss_request(
    request: IncomingRequest,
    bucket: str | None,
    key: str | None,
    secret_for: SecretLookup,
    now: datetime,
    region: str,
) -> VerifiedOssCaller:
    """Who signed the request (bucket and key as the path names them), or a Refusal in OSS's terms."""
    authorization = request.header("authorization") or ""
    if authorization.startswith(OSS_V4 + " "):
        return _verify_v4(request, bucket, key, secret_for, now, region)
    if authorization.startswith(OSS_V1 + " "):
        return _verify_v1(request, bucket, key, secret_for, now)
    if any(name in ("Signature", "x-oss-signature") for name, _ in request.query):
        raise Refusal("AccessDenied", "The sandbox does not accept signatures in the URL yet.", 403)
    raise Refusal("AccessDenied", "Anonymous access is forbidden for this operation.", 403)
