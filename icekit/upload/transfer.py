"""The transfer to OSS with alibabacloud-oss-v2: one PutObject below the multipart threshold, else a multipart
upload whose parts are recorded as they finish (resumable), with the upload credential renewed when it
expires in the middle (the part that was refused is sent again with the new one; finished parts are not).

Why alibabacloud-oss-v2 rather than oss2: it is Alibaba's current OSS SDK (oss2 is in maintenance), signs V4
by default, takes credentials through a provider interface, and retries 5xx/429/408 with backoff on its own.
Its resumable `Uploader` is not used: it resumes through ListParts and cannot swap the credential of an
upload under way, which is exactly what an ICE upload credential needs; the parts are driven here instead."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO, Final, Protocol

from icekit.upload.checkpoint import Checkpoint, CheckpointFile, DonePart
from icekit.upload.errors import ServiceError, UploadError
from icekit.upload.session import AccessKey

__all__ = [
    "DEFAULT_OPTIONS",
    "EXPIRED_CODES",
    "Grant",
    "GrantSource",
    "ObjectTarget",
    "Progress",
    "TransferOptions",
    "transfer",
]

# OSS's answers to an expired temporary key (OSS error codes, 403).
EXPIRED_CODES: Final = frozenset({"SecurityTokenExpired", "ExpiredToken", "InvalidSecurityToken.Expired"})
MiB: Final = 1024 * 1024

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class ObjectTarget:
    endpoint: str  # URL (a bare host means https)
    bucket: str
    key: str
    region: str


@dataclass(frozen=True)
class Grant:
    """Where to write and with which key; `expires_at` (UNIX seconds) when known."""

    target: ObjectTarget
    key: AccessKey
    expires_at: float | None = None


class GrantSource(Protocol):
    def current(self) -> Grant: ...

    def renew(self, expired: Grant) -> Grant:
        """A new grant after `expired` lapsed; a different target means the transfer starts again there."""
        ...


@dataclass(frozen=True)
class TransferOptions:
    part_size: int = 8 * MiB  # OSS: every part but the last at least 100 KiB
    multipart_threshold: int = 16 * MiB
    renew_margin_seconds: float = 60.0
    oss_retry_attempts: int = 3


DEFAULT_OPTIONS: Final = TransferOptions()


def _no_progress(sent: int, total: int | None) -> None:
    pass


def _oss_client(grant: Grant, options: TransferOptions) -> Any:
    import alibabacloud_oss_v2 as oss

    config = oss.config.load_default()
    config.credentials_provider = oss.credentials.StaticCredentialsProvider(
        grant.key.access_key_id, grant.key.access_key_secret, grant.key.security_token
    )
    config.region = grant.target.region
    endpoint = grant.target.endpoint
    config.endpoint = endpoint if "://" in endpoint else f"https://{endpoint}"
    config.retry_max_attempts = options.oss_retry_attempts
    return oss.Client(config)


def _service_error(action: str, raised: Exception) -> ServiceError | None:
    import alibabacloud_oss_v2 as oss

    error: Any = raised
    while isinstance(error, oss.exceptions.BaseError) and not isinstance(error, oss.exceptions.ServiceError):
        inner = error.unwrap() if hasattr(error, "unwrap") else None
        if inner is None or inner is error:
            return None
        error = inner
    if not isinstance(error, oss.exceptions.ServiceError):
        return None
    return ServiceError(
        "oss", action, code=error.code, message=error.message or "", request_id=error.request_id,
        status=int(error.status_code or 0),
    )  # fmt: skip


class _Session:
    """The grant in use and its client; `call` renews the grant once when OSS says the key expired."""

    def __init__(self, grants: GrantSource, options: TransferOptions) -> None:
        self.grants, self.options = grants, options
        self.grant = grants.current()
        self.client = _oss_client(self.grant, options)
        self.renewals = 0

    def _renew(self) -> bool:
        """Renew; True when the target moved (the transfer must start again)."""
        old = self.grant
        self.grant = self.grants.renew(old)
        self.client = _oss_client(self.grant, self.options)
        self.renewals += 1
        return self.grant.target != old.target

    def ensure_fresh(self) -> bool:
        expires = self.grant.expires_at
        if expires is not None and time.time() > expires - self.options.renew_margin_seconds:
            return self._renew()
        return False

    def call(self, action: str, make: Callable[[Any, ObjectTarget], Any]) -> Any:
        for attempt in (1, 2):
            try:
                return make(self.client, self.grant.target)
            except Exception as raised:  # sorted by _service_error
                error = _service_error(action, raised)
                if error is None:
                    raise
                if attempt == 2 or error.code not in EXPIRED_CODES:
                    raise error from None
                if self._renew():
                    raise _Moved from None
        raise AssertionError("unreachable")


class _Moved(Exception):
    """The renewed grant names another object (a new CreateUploadMedia): start the transfer again."""


def _put(session: _Session, stream: BinaryIO, size: int | None, progress: Progress) -> None:
    import alibabacloud_oss_v2 as oss

    data = stream.read()
    session.call(
        "PutObject",
        lambda client, t: client.put_object(oss.PutObjectRequest(bucket=t.bucket, key=t.key, body=data)),
    )
    progress(len(data), size if size is not None else len(data))


def _initiate(session: _Session, record: Checkpoint, file: CheckpointFile | None) -> None:
    import alibabacloud_oss_v2 as oss

    target = session.grant.target
    if record.upload_id and (record.bucket, record.key) == (target.bucket, target.key):
        return
    answer = session.call(
        "InitiateMultipartUpload",
        lambda client, t: client.initiate_multipart_upload(
            oss.InitiateMultipartUploadRequest(bucket=t.bucket, key=t.key)
        ),
    )
    record.bucket, record.key, record.upload_id = target.bucket, target.key, answer.upload_id
    record.part_size, record.parts = session.options.part_size, []
    if file is not None:
        file.save(record)


def _send_parts(
    session: _Session, stream: BinaryIO, size: int | None, record: Checkpoint, file: CheckpointFile | None,
    progress: Progress,
) -> None:  # fmt: skip
    import alibabacloud_oss_v2 as oss

    done, part_size, number = record.done(), record.part_size, 1
    sent = sum(part.size for part in done.values())
    if done:
        progress(sent, size)
    while True:
        if number in done:
            stream.seek(done[number].size, 1)
            number += 1
            continue
        chunk = stream.read(part_size)
        if not chunk and number > 1:
            return
        if session.ensure_fresh():
            raise _Moved

        def send(client: Any, t: ObjectTarget, n: int = number, body: bytes = chunk) -> Any:
            request = oss.UploadPartRequest(
                bucket=t.bucket, key=t.key, upload_id=record.upload_id, part_number=n, body=body
            )
            return client.upload_part(request)

        answer = session.call("UploadPart", send)
        record.parts.append(DonePart(number, answer.etag, len(chunk)))
        if file is not None:
            file.save(record)
        sent += len(chunk)
        progress(sent, size)
        if len(chunk) < part_size:
            return
        number += 1


def _complete(session: _Session, record: Checkpoint) -> None:
    import alibabacloud_oss_v2 as oss

    parts = [
        oss.UploadPart(part_number=p.number, etag=p.etag)
        for p in sorted(record.parts, key=lambda p: p.number)
    ]
    session.call(
        "CompleteMultipartUpload",
        lambda client, t: client.complete_multipart_upload(
            oss.CompleteMultipartUploadRequest(
                bucket=t.bucket, key=t.key, upload_id=record.upload_id,
                complete_multipart_upload=oss.CompleteMultipartUpload(parts=parts),
            )
        ),
    )  # fmt: skip


def _multipart(
    session: _Session, stream: BinaryIO, size: int | None, record: Checkpoint, file: CheckpointFile | None,
    progress: Progress,
) -> None:  # fmt: skip
    if record.upload_id and not stream.seekable():
        raise UploadError("a stream that cannot seek cannot resume an upload")
    if not record.part_size:
        record.part_size = session.options.part_size
    _initiate(session, record, file)
    _send_parts(session, stream, size, record, file, progress)
    _complete(session, record)


def transfer(
    stream: BinaryIO,
    size: int | None,
    grants: GrantSource,
    *,
    options: TransferOptions = DEFAULT_OPTIONS,
    progress: Progress = _no_progress,
    checkpoint: CheckpointFile | None = None,
    record: Checkpoint | None = None,
) -> int:
    """Write `stream` (`size` bytes, None when unknown) to the grant's object; returns how many times the
    credential was renewed. A failure leaves the checkpoint for a later call to resume from."""
    session = _Session(grants, options)
    record = record or Checkpoint()
    start = stream.tell() if stream.seekable() else 0
    while True:
        try:
            if size is not None and size < options.multipart_threshold and not record.upload_id:
                _put(session, stream, size, progress)
            else:
                _multipart(session, stream, size, record, checkpoint, progress)
            break
        except _Moved:
            if not stream.seekable():
                raise UploadError(
                    "the upload must start again at a new address, and the stream cannot seek"
                ) from None
            stream.seek(start)
            record.upload_id, record.parts = None, []
    if checkpoint is not None:
        checkpoint.remove()
    return session.renewals
