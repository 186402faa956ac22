"""Decode CreateUploadMedia's UploadAddress and UploadAuth: base64 of JSON objects.

The field names (`Endpoint`, `Bucket`, `FileName`; `AccessKeyId`, `AccessKeySecret`, `SecurityToken`,
`Expiration`) follow ApsaraVideo VOD's identical upload flow; ICE's page does not list them
(ice-upload-facts.md), so decoding is defensive: every failure says which value and what was wrong.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import Any

from icekit.errors import UserInputError
from icekit.json_input import parse_json

__all__ = ["UploadAddress", "UploadAuth", "decode_base64_json", "decode_upload_address", "decode_upload_auth"]


@dataclass(frozen=True)
class UploadAddress:
    Endpoint: str
    Bucket: str
    FileName: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class UploadAuth:
    AccessKeyId: str
    AccessKeySecret: str = field(repr=False)
    SecurityToken: str = field(repr=False)
    Expiration: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)


def decode_base64_json(value: object, name: str) -> dict[str, Any]:
    """base64 (standard or URL-safe, padding optional) of a UTF-8 JSON object -> the object."""
    if not isinstance(value, str) or not value.strip():
        raise UserInputError("is missing or not a base64 string", key_path=name)
    text = value.strip()
    padded = text + "=" * (-len(text) % 4)
    try:
        raw = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        raise UserInputError("is not valid base64", key_path=name) from None
    try:
        decoded = parse_json(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise UserInputError("does not decode to JSON", key_path=name) from None
    if not isinstance(decoded, dict):
        raise UserInputError("does not decode to a JSON object", key_path=name)
    return decoded


def _take(data: dict[str, Any], key: str, name: str, *, required: bool = True) -> Any:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise UserInputError(f"has no {key} (a non-empty string)", key_path=name)
    return value


def decode_upload_address(value: object) -> UploadAddress:
    data = decode_base64_json(value, "UploadAddress")
    keys = ("Endpoint", "Bucket", "FileName")
    endpoint, bucket, file_name = (_take(data, k, "UploadAddress") for k in keys)
    return UploadAddress(endpoint, bucket, file_name, {k: v for k, v in data.items() if k not in keys})


def decode_upload_auth(value: object) -> UploadAuth:
    data = decode_base64_json(value, "UploadAuth")
    keys = ("AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration")
    return UploadAuth(
        AccessKeyId=_take(data, "AccessKeyId", "UploadAuth"),
        AccessKeySecret=_take(data, "AccessKeySecret", "UploadAuth"),
        SecurityToken=_take(data, "SecurityToken", "UploadAuth"),
        Expiration=_take(data, "Expiration", "UploadAuth", required=False),
        extra={k: v for k, v in data.items() if k not in keys},
    )
