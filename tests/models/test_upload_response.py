from __future__ import annotations

import base64
import json

import pytest

from icekit.errors import UserInputError
from icekit.models.upload_response import decode_upload_address, decode_upload_auth


def _b64(data: object, *, urlsafe: bool = False, strip: bool = False) -> str:
    raw = json.dumps(data).encode()
    text = (base64.urlsafe_b64encode(raw) if urlsafe else base64.b64encode(raw)).decode()
    return text.rstrip("=") if strip else text


ADDRESS = {"Endpoint": "https://oss-cn-shanghai.aliyuncs.com", "Bucket": "outin-abc", "FileName": "sv/x.mp4"}
AUTH = {"AccessKeyId": "STS.id", "AccessKeySecret": "s3cr3t", "SecurityToken": "tok", "Expiration": "3000"}


@pytest.mark.parametrize(("urlsafe", "strip"), [(False, False), (True, False), (False, True)])
def test_address_decodes_in_every_base64_flavour(urlsafe: bool, strip: bool) -> None:
    address = decode_upload_address(_b64({**ADDRESS, "Extra": 1}, urlsafe=urlsafe, strip=strip))
    assert (address.Endpoint, address.Bucket, address.FileName) == tuple(ADDRESS.values())
    assert address.extra == {"Extra": 1}


def test_auth_decodes_and_keeps_the_secret_out_of_repr() -> None:
    auth = decode_upload_auth(_b64(AUTH))
    assert (auth.AccessKeyId, auth.AccessKeySecret, auth.SecurityToken, auth.Expiration) == tuple(
        AUTH.values()
    )
    assert "s3cr3t" not in repr(auth)
    assert decode_upload_auth(_b64({k: v for k, v in AUTH.items() if k != "Expiration"})).Expiration is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "UploadAddress: is missing or not a base64 string"),
        ("", "UploadAddress: is missing"),
        ("not base64!", "UploadAddress: is not valid base64"),
        (base64.b64encode(b"\xff\xfe").decode(), "UploadAddress: does not decode to JSON"),
        (_b64([1, 2]), "UploadAddress: does not decode to a JSON object"),
        (_b64({"Endpoint": "e", "Bucket": "b"}), "UploadAddress: has no FileName"),
        (_b64({"Endpoint": "e", "Bucket": 3, "FileName": "f"}), "UploadAddress: has no Bucket"),
    ],
)
def test_bad_address_values_fail_with_clear_words(value: object, expected: str) -> None:
    with pytest.raises(UserInputError) as caught:
        decode_upload_address(value)
    assert str(caught.value).startswith(expected)


def test_auth_without_security_token_fails() -> None:
    with pytest.raises(UserInputError, match="has no SecurityToken"):
        decode_upload_auth(_b64({"AccessKeyId": "a", "AccessKeySecret": "b"}))
