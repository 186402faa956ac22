"""OSS objects and multipart uploads kept in the state directory.

An object is a data file plus a JSON record naming it; writing the record is the commit, so a crash
mid-upload leaves the previous object whole. ETags follow OSS: the upper-case hex MD5 of the content for a
simple upload; for a multipart upload the MD5 of the parts' binary MD5s, then `-<part count>`.
"""

from __future__ import annotations

import hashlib
import secrets
import shutil
import threading
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from icekit.sandbox.atomic_files import stream_to_file_atomically
from icekit.sandbox.state import StateDirectory, read_json_file, write_json_file

__all__ = ["MultipartUpload", "ObjectStore", "StoredObject", "StoredPart"]


@dataclass(frozen=True)
class StoredObject:
    bucket: str
    key: str
    size: int
    etag: str  # without quotes, as OSS computes it
    content_type: str
    last_modified: str  # ISO 8601 UTC
    object_type: str  # "Normal" or "Multipart"
    data_file: str


@dataclass(frozen=True)
class StoredPart:
    number: int
    size: int
    etag: str


@dataclass(frozen=True)
class MultipartUpload:
    upload_id: str
    bucket: str
    key: str
    content_type: str
    initiated: str


def _object_id(bucket: str, key: str) -> str:
    return hashlib.sha256(f"{bucket}\0{key}".encode()).hexdigest()


class ObjectStore:
    def __init__(self, state: StateDirectory) -> None:
        self._state = state
        self._objects = state.folder("objects")
        self._uploads = state.folder("uploads")
        self._commit_lock = threading.Lock()  # one writer at a time swaps an object's record and data

    def head(self, bucket: str, key: str) -> StoredObject | None:
        record = self._state.read_record("objects", _object_id(bucket, key))
        return StoredObject(**record) if record is not None else None

    def open(self, stored: StoredObject) -> BinaryIO:
        return (self._objects / stored.data_file).open("rb")

    def put(
        self, bucket: str, key: str, chunks: Iterable[bytes], *, content_type: str, now: datetime
    ) -> StoredObject:
        data_file = f"{_object_id(bucket, key)}.{secrets.token_hex(8)}.data"
        size, md5 = stream_to_file_atomically(self._objects / data_file, chunks)
        return self._commit(bucket, key, data_file, size, md5.upper(), content_type, now, "Normal")

    def _commit(
        self,
        bucket: str,
        key: str,
        data_file: str,
        size: int,
        etag: str,
        content_type: str,
        now: datetime,
        object_type: str,
    ) -> StoredObject:
        stored = StoredObject(bucket, key, size, etag, content_type, _iso(now), object_type, data_file)
        with self._commit_lock:
            previous = self.head(bucket, key)
            self._state.write_record("objects", _object_id(bucket, key), asdict(stored))
        if previous is not None and previous.data_file != data_file:
            (self._objects / previous.data_file).unlink(missing_ok=True)
        return stored

    # Multipart uploads: initiate, upload parts, complete (or abort).

    def initiate(self, bucket: str, key: str, *, content_type: str, now: datetime) -> MultipartUpload:
        upload = MultipartUpload(secrets.token_hex(16).upper(), bucket, key, content_type, _iso(now))
        folder = self._uploads / upload.upload_id
        folder.mkdir()
        write_json_file(folder / "upload.json", asdict(upload))
        return upload

    def upload(self, upload_id: str) -> MultipartUpload | None:
        record = read_json_file(self._upload_folder(upload_id) / "upload.json")
        return MultipartUpload(**record) if record is not None else None

    def put_part(self, upload_id: str, number: int, chunks: Iterable[bytes]) -> StoredPart:
        folder = self._upload_folder(upload_id)
        size, md5 = stream_to_file_atomically(folder / f"part-{number}.data", chunks)
        part = StoredPart(number, size, md5.upper())
        write_json_file(folder / f"part-{number}.json", asdict(part))
        return part

    def parts(self, upload_id: str) -> dict[int, StoredPart]:
        folder = self._upload_folder(upload_id)
        found = (read_json_file(path) for path in folder.glob("part-*.json"))
        return {record["number"]: StoredPart(**record) for record in found if record is not None}

    def complete(
        self, upload: MultipartUpload, parts: Sequence[StoredPart], *, now: datetime
    ) -> StoredObject:
        """Join the chosen parts, in the order given, into the object; the upload is gone afterwards."""
        folder = self._upload_folder(upload.upload_id)
        data_file = f"{_object_id(upload.bucket, upload.key)}.{secrets.token_hex(8)}.data"
        size, _ = stream_to_file_atomically(self._objects / data_file, _read_parts(folder, parts))
        joined = hashlib.md5(b"".join(bytes.fromhex(p.etag) for p in parts), usedforsecurity=False)
        etag = f"{joined.hexdigest().upper()}-{len(parts)}"
        stored = self._commit(
            upload.bucket, upload.key, data_file, size, etag, upload.content_type, now, "Multipart"
        )
        shutil.rmtree(folder, ignore_errors=True)
        return stored

    def abort(self, upload_id: str) -> None:
        shutil.rmtree(self._upload_folder(upload_id), ignore_errors=True)

    def _upload_folder(self, upload_id: str) -> Path:
        if not upload_id.isalnum():
            raise KeyError(upload_id)
        return self._uploads / upload_id


def _read_parts(folder: Path, parts: Sequence[StoredPart]) -> Iterable[bytes]:
    for part in parts:
        with (folder / f"part-{part.number}.data").open("rb") as handle:
            while chunk := handle.read(1 << 20):
                yield chunk


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
