"""ICE media records, kept in the state directory (`media/<MediaId>.json`), and the look-ups the services
need: by MediaId, by InputURL, by the object an upload address names, by an upload credential issued for it.

A record changes by read-modify-write under one lock, so a completion and a refresh that race do not lose
each other's update. The look-up tables live in memory and are rebuilt from the records on a restart.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from icekit.sandbox.state import StateDirectory

__all__ = [
    "MEDIA_NORMAL",
    "MEDIA_UPLOADING",
    "SOURCE_OSS",
    "SOURCE_VOD",
    "MediaLibrary",
    "MediaRecord",
    "new_media_id",
]

# MediaBasicInfo.Status values the sandbox uses: an upload waits for its object, then the media is usable.
MEDIA_UPLOADING = "Uploading"
MEDIA_NORMAL = "Normal"
# MediaBasicInfo.Source (ICE "Data types for the media asset library"): oss = OSS bucket, vod = VOD storage.
SOURCE_VOD = "vod"
SOURCE_OSS = "oss"


def new_media_id() -> str:
    """32 lower-case hex digits, the form of ICE's MediaIds (the reference pages' examples)."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class MediaRecord:
    media_id: str
    account_id: str
    app_id: str
    media_type: str  # FileInfo.Type of an upload, RegisterMediaInfo's MediaType of a registration
    business_type: str
    title: str
    status: str
    source: str  # SOURCE_VOD (CreateUploadMedia) or SOURCE_OSS (RegisterMediaInfo)
    input_url: str
    bucket: str
    key: str
    file_url: str
    created: str  # yyyy-MM-ddTHH:mm:ssZ
    modified: str
    description: str | None = None
    tags: str | None = None  # comma-separated, as ICE returns MediaTags
    cate_id: int | None = None
    cover_url: str | None = None
    user_data: str | None = None  # the UserData wire string as the caller gave it
    callback_url: str | None = None  # UserData.MessageCallback.CallbackURL
    entity_id: str | None = None
    declared_size: int | None = None  # FileInfo.Size: the upload may not be larger
    file_size: int | None = None  # the object's size, once there is one
    upload_credentials: tuple[str, ...] = field(default=())  # AccessKey IDs of the UploadAuths issued

    @property
    def is_upload(self) -> bool:
        """Whether the media waits for (or got) its file through an upload address."""
        return self.source == SOURCE_VOD

    def as_record(self) -> dict[str, Any]:
        record = asdict(self)
        record["upload_credentials"] = list(self.upload_credentials)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> MediaRecord:
        known = {f.name for f in fields(cls)}
        values = {name: value for name, value in record.items() if name in known}
        values["upload_credentials"] = tuple(values.get("upload_credentials", ()))
        return cls(**values)


class MediaLibrary:
    def __init__(self, state: StateDirectory) -> None:
        self._state = state
        self._lock = threading.Lock()
        self._records: dict[str, MediaRecord] = {}
        self._by_object: dict[tuple[str, str], str] = {}
        self._by_credential: dict[str, str] = {}
        self._by_input_url: dict[str, str] = {}
        for _, record in state.records("media"):
            self._index(MediaRecord.from_record(record))

    def add(self, record: MediaRecord) -> MediaRecord:
        with self._lock:
            self._save(record)
        return record

    def get(self, media_id: str) -> MediaRecord | None:
        with self._lock:
            return self._records.get(media_id)

    def update(self, media_id: str, change: Callable[[MediaRecord], MediaRecord]) -> MediaRecord:
        """Apply `change` to the stored record and store the result; KeyError if there is no such media."""
        with self._lock:
            changed = change(self._records[media_id])
            self._save(changed)
        return changed

    def remove(self, media_id: str) -> None:
        with self._lock:
            record = self._records.pop(media_id, None)
            if record is not None:
                self._unindex(record)
                self._state.delete_record("media", media_id)

    def for_input_url(self, input_url: str) -> MediaRecord | None:
        with self._lock:
            media_id = self._by_input_url.get(input_url)
            return self._records.get(media_id) if media_id else None

    def for_upload_object(self, bucket: str, key: str) -> MediaRecord | None:
        """The upload whose address names this object (registered own-bucket objects are not uploads)."""
        with self._lock:
            media_id = self._by_object.get((bucket, key))
            return self._records.get(media_id) if media_id else None

    def for_credential(self, access_key_id: str) -> MediaRecord | None:
        with self._lock:
            media_id = self._by_credential.get(access_key_id)
            return self._records.get(media_id) if media_id else None

    def _save(self, record: MediaRecord) -> None:
        self._state.write_record("media", record.media_id, record.as_record())
        previous = self._records.get(record.media_id)
        if previous is not None:
            self._unindex(previous)
        self._index(record)

    def _index(self, record: MediaRecord) -> None:
        self._records[record.media_id] = record
        self._by_input_url[record.input_url] = record.media_id
        if record.is_upload:
            self._by_object[(record.bucket, record.key)] = record.media_id
        for access_key_id in record.upload_credentials:
            self._by_credential[access_key_id] = record.media_id

    def _unindex(self, record: MediaRecord) -> None:
        # Only entries that still point at this media: another record may have taken the name since.
        _drop(self._by_input_url, record.input_url, record.media_id)
        _drop(self._by_object, (record.bucket, record.key), record.media_id)
        for access_key_id in record.upload_credentials:
            _drop(self._by_credential, access_key_id, record.media_id)


def _drop(index: dict[Any, str], name: Any, media_id: str) -> None:
    if index.get(name) == media_id:
        del index[name]
