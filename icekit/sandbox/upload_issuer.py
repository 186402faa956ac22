"""The upload address and upload credential CreateUploadMedia and RefreshUploadMedia hand out.

Both are base64 of compact JSON (docs/ice-facts.md section 5, from VOD's identical flow and Alibaba's upload
SDKs): `UploadAddress` = `{Endpoint, Bucket, FileName}`, `UploadAuth` = `{AccessKeyId, AccessKeySecret,
SecurityToken, Expiration, ExpireUTCTime, Region}` where Expiration is the validity in seconds as text
("3000") and ExpireUTCTime the moment it ends (`yyyy-MM-ddTHH:mm:ssZ`).

The sandbox's choices: the endpoint is the sandbox OSS (`http://127.0.0.1:<port>`, path-style); the bucket is
the storage location's first label (`outin-<id>.oss-<region>.aliyuncs.com` -> `outin-<id>`); the object is
`sv/<MediaId>/<MediaId>.<ext>`; the credential is a temporary one of a sandbox role
(`acs:ram::<account>:role/icekit-sandbox-ice-upload`, session name the MediaId) whose session policy names
that one object, and the OSS decides its requests by the media's `UploadGrant`.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final
from urllib.parse import quote

from icekit.facts.credentials import CREDENTIAL_VALIDITY_SECONDS
from icekit.models import UploadTargetConfig, encode_wire, storage_location_region
from icekit.sandbox.credentials import CredentialStore
from icekit.sandbox.ice_params import invalid_parameter
from icekit.sandbox.media_library import MediaRecord
from icekit.sandbox.openapi_common import OPENAPI_TIMESTAMP_FORMAT
from icekit.sandbox.oss_app import oss_object_resource
from icekit.sandbox.principals import Principal, role_session_arn
from icekit.sandbox.upload_grants import UPLOAD_PERMISSIONS

__all__ = ["UPLOAD_ROLE_NAME", "UploadStorage", "issue_upload_auth", "upload_address", "upload_key"]

UPLOAD_ROLE_NAME: Final = "icekit-sandbox-ice-upload"


def _base64_json(document: dict[str, str]) -> str:
    return base64.b64encode(encode_wire(document).encode("utf-8")).decode("ascii")


@dataclass(frozen=True)
class UploadStorage:
    """Where the sandbox's ICE puts uploads: its OSS endpoint and the account's VOD storage locations."""

    oss_endpoint: str  # the sandbox OSS's URL, e.g. http://127.0.0.1:50123
    locations: tuple[str, ...]  # VOD storage locations; the first is the default (GetDefaultStorageLocation)
    credential_seconds: int = CREDENTIAL_VALIDITY_SECONDS

    def __post_init__(self) -> None:
        if not self.locations:
            raise ValueError("UploadStorage needs at least one VOD storage location")
        for location in self.locations:
            if storage_location_region(location) is None:
                raise ValueError(f"{location!r} is not a VOD storage location (outin-<id>.oss-<region>...)")

    @staticmethod
    def bucket_of(location: str) -> str:
        return location.split(".", 1)[0]

    @property
    def buckets(self) -> tuple[str, ...]:
        return tuple(self.bucket_of(location) for location in self.locations)

    def location_for(self, target: UploadTargetConfig | None, region: str) -> str:
        """The storage location an upload goes to: the one UploadTargetConfig names, or the default."""
        if target is None:
            return self.locations[0]
        if target.region != region:
            raise invalid_parameter(
                f"UploadTargetConfig.StorageLocation: {target.StorageLocation!r} is in {target.region}, "
                f"not in this ICE's region {region}."
            )
        if target.StorageLocation not in self.locations:
            known = ", ".join(self.locations)
            raise invalid_parameter(
                f"UploadTargetConfig.StorageLocation: {target.StorageLocation!r} is not a storage location "
                f"of this account (known: {known})."
            )
        return target.StorageLocation

    def object_url(self, bucket: str, key: str) -> str:
        return f"{self.oss_endpoint}/{bucket}/{quote(key)}"


def upload_key(media_id: str, extension: str) -> str:
    return f"sv/{media_id}/{media_id}.{extension.lower()}"


def upload_address(storage: UploadStorage, record: MediaRecord) -> str:
    address = {"Endpoint": storage.oss_endpoint, "Bucket": record.bucket, "FileName": record.key}
    return _base64_json(address)


def _upload_principal(record: MediaRecord) -> Principal:
    role_arn = f"acs:ram::{record.account_id}:role/{UPLOAD_ROLE_NAME}"
    resource = oss_object_resource(record.account_id, record.bucket, record.key)
    statement = {"Effect": "Allow", "Action": list(UPLOAD_PERMISSIONS), "Resource": [resource]}
    policy = json.dumps({"Version": "1", "Statement": [statement]}, separators=(",", ":"))
    return Principal(role_session_arn(role_arn, record.media_id), role_arn, record.media_id, policy)


def issue_upload_auth(
    credentials: CredentialStore, storage: UploadStorage, record: MediaRecord, region: str, now: datetime
) -> tuple[str, str]:
    """(AccessKey ID, UploadAuth) of a new credential for the media's one object."""
    lifetime = timedelta(seconds=storage.credential_seconds)
    issued = credentials.issue_temporary(_upload_principal(record), lifetime, now)
    auth = {
        "AccessKeyId": issued.access_key_id,
        "AccessKeySecret": issued.secret,
        "SecurityToken": issued.security_token,
        "Expiration": str(storage.credential_seconds),
        "ExpireUTCTime": issued.expiration.strftime(OPENAPI_TIMESTAMP_FORMAT),
        "Region": region,
    }
    return issued.access_key_id, _base64_json(auth)
