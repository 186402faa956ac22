"""CreateUploadMedia's `UploadAddress` and `UploadAuth`: base64 of JSON objects (docs/ice-facts.md section 5).

Decoded defensively: `UploadAuth` is `{AccessKeyId, AccessKeySecret, SecurityToken, Expiration}` plus, when
present, `ExpireUTCTime` (the expiry; else now + Expiration seconds) and `Region`."""

from __future__ import annotations

import base64
import binascii
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from icekit.upload.errors import UploadError
from icekit.upload.session import AccessKey

__all__ = ["UploadAddress", "UploadAuth", "decode_address", "decode_auth"]


@dataclass(frozen=True)
class UploadAddress:
    endpoint: str  # a URL or a host
    bucket: str
    file_name: str  # the object key


@dataclass(frozen=True)
class UploadAuth:
    key: AccessKey
    expires_at: float
    region: str | None


def _document(name: str, value: str) -> dict[str, Any]:
    try:
        document = json.loads(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        raise UploadError(f"ICE's {name} is not base64 of JSON") from None
    if not isinstance(document, dict):
        raise UploadError(f"ICE's {name} is not a JSON object")
    return document


def _text(document: dict[str, Any], name: str, key: str) -> str:
    value = document.get(key)
    if not isinstance(value, str) or not value:
        raise UploadError(f"ICE's {name} has no {key}")
    return value


def decode_address(value: str) -> UploadAddress:
    document = _document("UploadAddress", value)
    return UploadAddress(*(_text(document, "UploadAddress", k) for k in ("Endpoint", "Bucket", "FileName")))


def _expires_at(document: dict[str, Any], issued_at: float) -> float:
    stamp = document.get("ExpireUTCTime")
    if isinstance(stamp, str):
        try:
            return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
        except ValueError:
            pass
    try:
        return issued_at + float(document.get("Expiration", 3000))
    except (TypeError, ValueError):
        return issued_at + 3000


def decode_auth(value: str, *, issued_at: float | None = None) -> UploadAuth:
    document = _document("UploadAuth", value)
    key = AccessKey(
        *(_text(document, "UploadAuth", k) for k in ("AccessKeyId", "AccessKeySecret", "SecurityToken"))
    )
    region = document.get("Region")
    return UploadAuth(
        key,
        _expires_at(document, time.time() if issued_at is None else issued_at),
        region if isinstance(region, str) else None,
    )
