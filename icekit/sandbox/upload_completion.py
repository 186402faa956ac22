"""The OSS side of ICE's uploads (`UploadTargets`): an upload credential reaches its media's one object, the
object may not be larger than the FileInfo.Size declared for it, and when it is whole the media becomes
Normal and its upload event is emitted.

The extension needs no check here: the upload address names `<key>.<FileInfo.Ext>` and the credential reaches
that one key, so an object with another extension is another key, refused as AccessDenied.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from icekit.sandbox.event_delivery import EventDispatcher
from icekit.sandbox.event_documents import upload_complete_event
from icekit.sandbox.media_library import MEDIA_NORMAL, MediaLibrary
from icekit.sandbox.object_store import StoredObject
from icekit.sandbox.openapi_common import OPENAPI_TIMESTAMP_FORMAT
from icekit.sandbox.upload_grants import UploadGrant

__all__ = ["UploadCompletion"]


class UploadCompletion:
    def __init__(self, library: MediaLibrary, events: EventDispatcher) -> None:
        self._library = library
        self._events = events

    def grant_for(self, access_key_id: str) -> UploadGrant | None:
        record = self._library.for_credential(access_key_id)
        return UploadGrant(record.media_id, record.bucket, record.key) if record is not None else None

    def declared_size(self, bucket: str, key: str) -> int | None:
        record = self._library.for_upload_object(bucket, key)
        return record.declared_size if record is not None else None

    def object_completed(self, stored: StoredObject, now: datetime) -> None:
        record = self._library.for_upload_object(stored.bucket, stored.key)
        if record is None:
            return
        modified = now.strftime(OPENAPI_TIMESTAMP_FORMAT)
        uploaded = self._library.update(
            record.media_id,
            lambda current: replace(current, status=MEDIA_NORMAL, file_size=stored.size, modified=modified),
        )
        document = upload_complete_event(uploaded, now)
        if document is not None:
            self._events.emit(document, callback_url=uploaded.callback_url)
