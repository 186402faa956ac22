"""Upload tickets: what CreateUploadMedia gives for one file (MediaId, the base64 `UploadAddress` and
`UploadAuth` the official web and mobile upload SDKs take as they are), and their renewal: RefreshUploadMedia
for audio and video (same address, new credential), a new CreateUploadMedia for the other types (ICE refreshes
only audio and video: docs/ice-facts.md section 5), which means a new MediaId and a new address."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from icekit.clientconfig import VodClientConfig
from icekit.facts.file_types import REFRESHABLE_FILE_TYPES
from icekit.upload.endpoints import Endpoint
from icekit.upload.ice_api import IceApi
from icekit.upload.request import UploadRequest
from icekit.upload.transfer import Grant, ObjectTarget
from icekit.upload.upload_auth import decode_address, decode_auth

__all__ = ["Ticket", "TicketGrants", "create_ticket", "renew_ticket"]


@dataclass(frozen=True)
class Ticket:
    media_id: str
    upload_address: str  # base64, as ICE gave it
    upload_auth: str  # base64, as ICE gave it: a secret, never log it
    media_url: str | None
    file_url: str | None
    request: UploadRequest
    issued_at: float

    @property
    def file_type(self) -> str:
        return self.request.file_type

    def __repr__(self) -> str:
        return f"Ticket(media_id={self.media_id!r}, file_type={self.file_type!r})"

    def grant(self, region: str, oss: Endpoint | None) -> Grant:
        address, auth = (
            decode_address(self.upload_address),
            decode_auth(self.upload_auth, issued_at=self.issued_at),
        )
        endpoint = oss.url if oss is not None else address.endpoint
        target = ObjectTarget(endpoint, address.bucket, address.file_name, auth.region or region)
        return Grant(target, auth.key, auth.expires_at)


def create_ticket(ice: IceApi, config: VodClientConfig, request: UploadRequest) -> Ticket:
    body = ice.create_upload_media(
        app_id=config.appId,
        entity_id=config.entityId,
        file_info=request.file_info.to_wire(),
        media_meta_data=request.metadata.to_wire(),
        upload_target_config=config.request.UploadTargetConfig,
        user_data=request.user_data,
        post_process_config=request.post_process_config,
    )
    return Ticket(
        body.media_id,
        body.upload_address,
        body.upload_auth,
        body.media_url,
        body.file_url,
        request,
        time.time(),
    )


def refresh_ticket(ice: IceApi, ticket: Ticket) -> Ticket:
    body = ice.refresh_upload_media(ticket.media_id)
    return replace(
        ticket, upload_address=body.upload_address, upload_auth=body.upload_auth, issued_at=time.time()
    )


def renew_ticket(ice: IceApi, config: VodClientConfig, ticket: Ticket) -> Ticket:
    """A fresh credential for `ticket`: the same media for audio and video, a new media otherwise."""
    if ticket.file_type in REFRESHABLE_FILE_TYPES:
        return refresh_ticket(ice, ticket)
    return create_ticket(ice, config, ticket.request)


class TicketGrants:
    """The GrantSource of a VOD upload: the ticket's credential, renewed the way the file type allows."""

    def __init__(self, ice: IceApi, config: VodClientConfig, ticket: Ticket, oss: Endpoint | None) -> None:
        self.ice, self.config, self.ticket, self.oss = ice, config, ticket, oss

    def current(self) -> Grant:
        return self.ticket.grant(self.config.region, self.oss)

    def renew(self, expired: Grant) -> Grant:
        self.ticket = renew_ticket(self.ice, self.config, self.ticket)
        return self.current()
