"""The event documents the sandbox's ICE sends, shaped as icekit.callbacks.events models them (ICE "Event
list", docs/ice-facts.md section 7, Documents): `EventType`, `UserId` (the account, a Long), `EventTime` (UTC
`yyyy-MM-ddTHH:mm:ssZ`), `MessageBody`.

FileUploadComplete is ICE's event for an audio or video upload; its body is `Status`, `FileUrl`, `MediaId`,
`AppId`, `Size` (a string), `MediaType`, and `UserData` when the upload gave one (the UserData text as given:
the sandbox's reading of "echoed back"). ICE's image and auxiliary-file events (ImageUploadComplete,
AttachedMediaUploadComplete) have no documented body in the facts sheet, so the sandbox sends none for them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final, get_args

from icekit.callbacks.events import FILE_UPLOAD_COMPLETE, FileUploadCompleteBody
from icekit.sandbox.media_library import MediaRecord
from icekit.sandbox.openapi_common import OPENAPI_TIMESTAMP_FORMAT

__all__ = ["FILE_UPLOAD_EVENT_TYPES", "upload_complete_event"]

# The media types FileUploadComplete reports: its model's MediaType values (audio, video).
FILE_UPLOAD_EVENT_TYPES: Final = frozenset(
    get_args(FileUploadCompleteBody.model_fields["MediaType"].annotation)
)


def upload_complete_event(record: MediaRecord, now: datetime) -> dict[str, Any] | None:
    """FileUploadComplete for a finished audio or video upload; None for other media types."""
    if record.media_type not in FILE_UPLOAD_EVENT_TYPES:
        return None
    body: dict[str, Any] = {
        "Status": "Success",
        "FileUrl": record.file_url,
        "MediaId": record.media_id,
        "AppId": record.app_id,
        "Size": str(record.file_size or 0),
        "MediaType": record.media_type,
    }
    if record.user_data is not None:
        body["UserData"] = record.user_data
    return {
        "EventType": FILE_UPLOAD_COMPLETE,
        "UserId": int(record.account_id),
        "EventTime": now.strftime(OPENAPI_TIMESTAMP_FORMAT),
        "MessageBody": body,
    }
