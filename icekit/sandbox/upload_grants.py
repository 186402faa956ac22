"""What the sandbox's OSS asks about the uploads ICE handed out: which object an upload credential may write,
how large the upload may be, and whom to tell when the object is complete.

An `UploadAuth` credential is ICE's own temporary credential for VOD storage, not one of the stack's RAM
principals: the stack's policies do not govern it, so the OSS application decides requests signed with it
from the `UploadGrant` alone (the one object, put and multipart steps) instead of asking the Authorizer.
`UploadTargets` is the protocol the OSS application calls; `NO_UPLOAD_TARGETS` serves an OSS without ICE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, Protocol

from icekit.sandbox.authorizer import AuthorizationDecision
from icekit.sandbox.object_store import StoredObject

__all__ = ["NO_UPLOAD_TARGETS", "UPLOAD_PERMISSIONS", "UploadGrant", "UploadTargets"]

# What an upload needs: PutObject covers the simple upload and every multipart step but abort.
UPLOAD_PERMISSIONS: Final = ("oss:PutObject", "oss:AbortMultipartUpload")


@dataclass(frozen=True)
class UploadGrant:
    """The reach of one media's upload credential: one object, written, nothing else."""

    media_id: str
    bucket: str
    key: str

    @property
    def statement(self) -> str:
        return f"UploadAuth of media {self.media_id}"

    def decide(self, permission: str, bucket: str, key: str) -> AuthorizationDecision:
        if (bucket, key) != (self.bucket, self.key):
            reason = f"the upload credential reaches only {self.bucket}/{self.key}"
            return AuthorizationDecision(False, reason, self.statement)
        if permission not in UPLOAD_PERMISSIONS:
            reason = f"the upload credential allows {' and '.join(UPLOAD_PERMISSIONS)} only"
            return AuthorizationDecision(False, reason, self.statement)
        return AuthorizationDecision(True, f"{permission} on the upload address", self.statement)


class UploadTargets(Protocol):
    def grant_for(self, access_key_id: str) -> UploadGrant | None:
        """The grant of an upload credential; None for any other AccessKey (the Authorizer decides those)."""

    def declared_size(self, bucket: str, key: str) -> int | None:
        """FileInfo.Size of the upload whose address names this object, if it declared one."""

    def object_completed(self, stored: StoredObject, now: datetime) -> None:
        """Called once an object is whole (PutObject, CompleteMultipartUpload), after it is stored."""


class _NoUploadTargets:
    def grant_for(self, access_key_id: str) -> UploadGrant | None:
        return None

    def declared_size(self, bucket: str, key: str) -> int | None:
        return None

    def object_completed(self, stored: StoredObject, now: datetime) -> None:
        return


NO_UPLOAD_TARGETS: Final[UploadTargets] = _NoUploadTargets()
