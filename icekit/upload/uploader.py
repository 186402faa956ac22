"""`Uploader`: one app's uploads, from its client configuration (icekit.clientconfig, any supported version).

    uploader = Uploader.from_file("client-config.json")
    result = uploader.upload("clip.mp4", title="Holiday", extend={"localId": "42"})
    uploader.wait(result.media_id)

VOD apps: CreateUploadMedia, the transfer with the UploadAuth (renewed mid-transfer), done. Own-bucket apps:
the transfer with the role session's key under the prefix, then RegisterMediaInfo. One Uploader is safe to
share between threads: they share one role session (one AssumeRole per validity period)."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from icekit.clientconfig import ClientConfig, OwnBucketClientConfig, VodClientConfig
from icekit.errors import UserInputError
from icekit.facts.regions import sts_endpoint
from icekit.models import InvalidDocumentError
from icekit.upload.checkpoint import Checkpoint, CheckpointFile
from icekit.upload.endpoints import NO_OVERRIDES, Endpoint, Endpoints
from icekit.upload.errors import ServiceError, UploadError, WaitTimeout
from icekit.upload.ice_api import IceApi
from icekit.upload.own_bucket import SessionGrants, new_object_key, register
from icekit.upload.request import MediaFields, UploadRequest, build_request
from icekit.upload.retry import DEFAULT_RETRY, RetryPolicy
from icekit.upload.sandbox_ready import SandboxReady
from icekit.upload.session import REFRESH_MARGIN_SECONDS, AccessKey, RoleSession, default_chain
from icekit.upload.tickets import Ticket, TicketGrants, create_ticket, refresh_ticket, renew_ticket
from icekit.upload.transfer import DEFAULT_OPTIONS, Progress, TransferOptions, transfer

__all__ = ["READY_STATUSES", "UploadResult", "Uploader", "load_client_config"]

# GetMediaInfo's MediaBasicInfo.Status once the file is in (media-library data types page).
READY_STATUSES = frozenset({"Normal"})
_FAILED_STATUSES = frozenset({"UploadFail", "Failed", "Deleted"})

Source = str | Path | BinaryIO


@dataclass(frozen=True)
class UploadResult:
    media_id: str
    file_type: str
    size: int
    media_url: str | None
    file_url: str | None
    input_url: str | None  # own-bucket uploads: oss://bucket/key
    renewals: int  # how often the upload credential was renewed during the transfer


def load_client_config(source: str | Path | Mapping[str, Any]) -> ClientConfig:
    """A client configuration from a file or a decoded document; refusals name the file and key path."""
    if isinstance(source, Mapping):
        return ClientConfig.from_data(dict(source))
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UserInputError(f"cannot read the client configuration ({error})", file=path) from None
    try:
        return ClientConfig.from_json(text)
    except InvalidDocumentError as error:
        raise error.with_file(path) from None


def _opened(source: Source, file_name: str | None) -> tuple[BinaryIO, str, int | None, Path | None]:
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            return path.open("rb"), file_name or path.name, path.stat().st_size, path
        except OSError as error:
            raise UserInputError(f"cannot read the file ({error.strerror})", file=path) from None
    if file_name is None:
        raise UserInputError("a stream needs file_name= (the extension gives the file type)")
    size = None
    if source.seekable():
        here = source.tell()
        size = source.seek(0, io.SEEK_END) - here
        source.seek(here)
    return source, file_name, size, None


class Uploader:
    def __init__(
        self,
        config: ClientConfig,
        *,
        endpoints: Endpoints = NO_OVERRIDES,
        base: Callable[[], AccessKey] = default_chain,
        options: TransferOptions = DEFAULT_OPTIONS,
        retry: RetryPolicy = DEFAULT_RETRY,
        checkpoint_dir: Path | None = None,
        session_seconds: int = 3600,
        session_margin_seconds: float = REFRESH_MARGIN_SECONDS,
        session: RoleSession | None = None,
    ) -> None:
        self.config, self.endpoints, self.options, self.checkpoint_dir = (
            config,
            endpoints,
            options,
            checkpoint_dir,
        )
        self.session = session or RoleSession(
            config.roleArn, config.roleSessionName, region=config.region, base=base, retry=retry,
            sts=endpoints.sts or Endpoint(sts_endpoint(config.region)), duration_seconds=session_seconds,
            margin_seconds=session_margin_seconds,
        )  # fmt: skip
        self.ice = IceApi(self.session, endpoints.ice or Endpoint(config.endpoint), config.region, retry)

    @classmethod
    def from_config(cls, source: str | Path | Mapping[str, Any], **options: Any) -> Uploader:
        return cls(load_client_config(source), **options)

    from_file = from_config

    @classmethod
    def for_sandbox(
        cls, source: str | Path | Mapping[str, Any], ready: SandboxReady, **options: Any
    ) -> Uploader:
        """Endpoints and base identity from a sandbox's ready file: the first principal allowed to assume
        the app's role (the sandbox's trust policies decide)."""
        config = load_client_config(source)
        refused: ServiceError | None = None
        for principal in ready.principals:
            key = AccessKey(principal.access_key_id, principal.access_key_secret)
            uploader = cls(config, endpoints=ready.endpoints, base=_fixed(key), **options)
            try:
                uploader.session.credential()
            except ServiceError as error:
                if error.code != "NoPermission":
                    raise
                refused = error
                continue
            return uploader
        raise refused or UploadError("the ready file names no principal")

    # --- uploads -----------------------------------------------------------------------------------------

    def request_for(
        self, file_name: str, size: int | None, *, title: str, file_type: str | None = None,
        extend: Mapping[str, Any] | None = None, description: str | None = None,
        tags: Sequence[str] | None = None, cate_id: int | None = None, cover_url: str | None = None,
        business_type: str | None = None,
    ) -> UploadRequest:  # fmt: skip
        """The checked parameters of an upload, without calling anything (UserInputError when refused)."""
        fields = MediaFields(title, description, tags, cate_id, cover_url, business_type)
        return build_request(self.config, file_name, size, fields, file_type=file_type, extend=extend)

    def upload(
        self, source: Source, *, title: str, file_name: str | None = None,
        progress: Progress | None = None, **fields: Any,
    ) -> UploadResult:  # fmt: skip
        """Upload a file (path) or a binary stream (with `file_name`); `fields` as `request_for`."""
        stream, name, size, path = _opened(source, file_name)
        try:
            request = self.request_for(name, size, title=title, **fields)
            checkpoint = self._checkpoint(path)
            report = progress or _no_progress
            if isinstance(self.config, OwnBucketClientConfig):
                return self._own_bucket(self.config, request, stream, name, size, checkpoint, report)
            assert isinstance(self.config, VodClientConfig)
            return self._vod(self.config, request, stream, size, checkpoint, report)
        finally:
            if path is not None:
                stream.close()

    def _checkpoint(self, path: Path | None) -> CheckpointFile | None:
        if self.checkpoint_dir is None or path is None:
            return None
        return CheckpointFile.for_file(self.checkpoint_dir, self.config.app, path)

    def _vod(
        self, config: VodClientConfig, request: UploadRequest, stream: BinaryIO, size: int | None,
        checkpoint: CheckpointFile | None, progress: Progress,
    ) -> UploadResult:  # fmt: skip
        record = (checkpoint.load() if checkpoint else None) or Checkpoint()
        if record.media_id and record.upload_id and request.file_type in _refreshable():
            ticket = refresh_ticket(
                self.ice, Ticket(record.media_id, "", "", record.media_url, record.file_url, request, 0)
            )
        else:
            record = Checkpoint()
            ticket = create_ticket(self.ice, config, request)
        record.media_id, record.media_url, record.file_url = (
            ticket.media_id,
            ticket.media_url,
            ticket.file_url,
        )
        grants = TicketGrants(self.ice, config, ticket, self.endpoints.oss)
        renewals = transfer(stream, size, grants, **self._transfer_options(progress, checkpoint, record))
        final = grants.ticket
        return UploadResult(
            final.media_id,
            request.file_type,
            _sent(stream, size),
            final.media_url,
            final.file_url,
            None,
            renewals,
        )

    def _transfer_options(
        self, progress: Progress, checkpoint: CheckpointFile | None, record: Checkpoint
    ) -> dict[str, Any]:
        return {"options": self.options, "progress": progress, "checkpoint": checkpoint, "record": record}

    def _own_bucket(
        self, config: OwnBucketClientConfig, request: UploadRequest, stream: BinaryIO, name: str,
        size: int | None, checkpoint: CheckpointFile | None, progress: Progress,
    ) -> UploadResult:  # fmt: skip
        record = (checkpoint.load() if checkpoint else None) or Checkpoint()
        key = record.key if record.upload_id and record.key else new_object_key(config, name)
        grants = SessionGrants.for_key(self.session, config, key, self.endpoints.oss)
        renewals = transfer(stream, size, grants, **self._transfer_options(progress, checkpoint, record))
        media_id = register(self.ice, config, request, key)
        input_url = f"oss://{config.ownBucket.bucket}/{key}"
        return UploadResult(media_id, request.file_type, _sent(stream, size), None, None, input_url, renewals)

    # --- after the upload, and for browser/mobile clients ------------------------------------------------

    def wait(self, media_id: str, *, timeout: float = 120.0, interval: float = 1.0) -> Any:
        """GetMediaInfo until the media is ready (Status Normal): its MediaInfo; else WaitTimeout."""
        deadline, status = time.monotonic() + timeout, None
        while True:
            info = self.ice.get_media_info(media_id)
            status = _status_of(info)
            if status in READY_STATUSES:
                return info
            if status in _FAILED_STATUSES:
                raise UploadError(f"media {media_id} is {status}")
            if time.monotonic() + interval > deadline:
                raise WaitTimeout(media_id, status, timeout)
            time.sleep(interval)

    def media_status(self, media_id: str) -> str | None:
        """GetMediaInfo's MediaBasicInfo.Status of `media_id` (`Uploading`, then `Normal`), None when ICE
        gives none: one call, for a caller that polls on its own schedule (an upload server's status page)."""
        return _status_of(self.ice.get_media_info(media_id))

    def create_ticket(self, file_name: str, *, title: str, size: int | None = None, **fields: Any) -> Ticket:
        """MediaId, UploadAddress and UploadAuth for a browser or mobile client to upload `file_name`."""
        config = self._vod_config("create_ticket")
        return create_ticket(self.ice, config, self.request_for(file_name, size, title=title, **fields))

    def renew_ticket(self, ticket: Ticket) -> Ticket:
        """A new credential for `ticket` (audio, video: same MediaId; other types: a new media)."""
        return renew_ticket(self.ice, self._vod_config("renew_ticket"), ticket)

    def _vod_config(self, what: str) -> VodClientConfig:
        if not isinstance(self.config, VodClientConfig):
            raise UploadError(
                f"{what}: app {self.config.app} uploads to its own bucket; tickets are for vod apps"
            )
        return self.config


def _fixed(key: AccessKey) -> Callable[[], AccessKey]:
    return lambda: key


def _status_of(info: Any) -> str | None:
    status = info.media_basic_info.status if info and info.media_basic_info else None
    return str(status) if status is not None else None


def _no_progress(sent: int, total: int | None) -> None:
    pass


def _refreshable() -> frozenset[str]:
    from icekit.facts.file_types import REFRESHABLE_FILE_TYPES

    return REFRESHABLE_FILE_TYPES


def _sent(stream: BinaryIO, size: int | None) -> int:
    return size if size is not None else (stream.tell() if stream.seekable() else 0)
