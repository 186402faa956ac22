"""Own-bucket uploads: CreateUploadMedia cannot target an own bucket, so the object is written with the role
session's own key under the app's prefix, then registered with RegisterMediaInfo (`InputURL =
oss://<bucket>/<key>`; docs/contracts.md). The key is `<prefix><32 hex>/<file name>`: unique per upload, so a
second upload of the same name never overwrites a registered object."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from icekit.clientconfig import OwnBucketClientConfig
from icekit.facts.file_types import REGISTERABLE_FILE_TYPES
from icekit.upload.endpoints import Endpoint
from icekit.upload.ice_api import IceApi
from icekit.upload.request import UploadRequest
from icekit.upload.session import RoleSession
from icekit.upload.transfer import Grant, ObjectTarget

__all__ = ["SessionGrants", "new_object_key", "register"]


def new_object_key(config: OwnBucketClientConfig, file_name: str) -> str:
    return f"{config.ownBucket.prefix}{uuid.uuid4().hex}/{file_name}"


@dataclass
class SessionGrants:
    """The GrantSource of an own-bucket upload: the role session's key, renewed through the session."""

    session: RoleSession
    target: ObjectTarget

    @classmethod
    def for_key(
        cls, session: RoleSession, config: OwnBucketClientConfig, key: str, oss: Endpoint | None
    ) -> SessionGrants:
        bucket = config.ownBucket
        endpoint = oss.url if oss is not None else f"https://{bucket.endpoint}"
        return cls(session, ObjectTarget(endpoint, bucket.bucket, key, bucket.region))

    def current(self) -> Grant:
        credential = self.session.credential()
        return Grant(self.target, credential.key, credential.expires_at)

    def renew(self, expired: Grant) -> Grant:
        credential = self.session.credential(renew=True)
        return Grant(self.target, credential.key, credential.expires_at)


def register(ice: IceApi, config: OwnBucketClientConfig, request: UploadRequest, key: str) -> str:
    """RegisterMediaInfo of the written object; returns the MediaId."""
    metadata = request.metadata
    body = ice.register_media_info(
        input_url=f"oss://{config.ownBucket.bucket}/{key}",
        # "other" has no MediaType: ICE derives it
        media_type=request.file_type if request.file_type in REGISTERABLE_FILE_TYPES else None,
        title=metadata.Title,
        description=metadata.Description,
        business_type=metadata.BusinessType,
        media_tags=",".join(metadata.Tags) if metadata.Tags else None,
        cate_id=metadata.CateId,
        cover_url=metadata.CoverURL,
        user_data=request.user_data,
        workflow_id=next(
            (wid for kind, wid in config.workflowIds.items() if kind == request.file_type), None
        ),
    )
    return str(body.media_id)


def _workflow_id(config: OwnBucketClientConfig, file_type: str) -> str | None:
    """The workflow the client configuration names for this file type (version 2: per type), if any."""
    return next((wid for kind, wid in config.workflowIds.items() if kind == file_type), None)
