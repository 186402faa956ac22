"""What the example upload server does, apart from HTTP: hand out upload tickets (icekit.upload), renew them,
take ICE's callbacks (icekit.callbacks.verify, then a queue: ICE waits 3 s for the 200) and say where a media
stands (the callbacks seen, and GetMediaInfo's status through icekit.upload).

Everything is kept in memory: a real server keeps tickets and callbacks where its other workers see them.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, get_args

from icekit.callbacks import CallbackRejected, verify
from icekit.facts.file_types import REFRESHABLE_FILE_TYPES
from icekit.upload import Ticket, Uploader
from icekit.upload.upload_auth import decode_address

if TYPE_CHECKING:
    from icekit.callbacks.events import IceEvent

__all__ = ["CallbackOutcome", "MediaProgress", "UploadService"]


@dataclass
class MediaProgress:
    """What the server knows of one media it issued a ticket for."""

    ticket: Ticket
    renewals: int = 0
    callbacks: list[dict[str, str]] = field(default_factory=list)  # EventType and Status of each verified one


@dataclass(frozen=True)
class CallbackOutcome:
    status: int  # the HTTP status to answer ICE with
    reason: str | None  # why it was refused (CallbackRejected.reason), None when accepted


def _ticket_document(ticket: Ticket) -> dict[str, Any]:
    """The ticket as the page takes it: the two base64 strings as ICE gave them (the page decodes them)."""
    return {
        "mediaId": ticket.media_id,
        "fileType": ticket.file_type,
        "uploadAddress": ticket.upload_address,
        "uploadAuth": ticket.upload_auth,
        # RefreshUploadMedia keeps the media and its address for these; others would need a new media.
        "renewable": ticket.file_type in REFRESHABLE_FILE_TYPES,
    }


def _callback_types() -> frozenset[str]:
    """The media types ICE reports with FileUploadComplete (its model's MediaType values)."""
    from icekit.callbacks.events import FileUploadCompleteBody

    return frozenset(get_args(FileUploadCompleteBody.model_fields["MediaType"].annotation))


def _media_and_status(event: IceEvent) -> tuple[str, str]:
    from icekit.callbacks.events import FileUploadComplete

    if isinstance(event, FileUploadComplete):
        return event.MessageBody.MediaId, event.MessageBody.Status
    return str(event.MessageBody.get("MediaId", "")), ""  # the other events' bodies are untyped


class UploadService:
    def __init__(self, uploader: Uploader, callback_url: str | None, callback_keys: Iterable[str]) -> None:
        self.uploader = uploader
        self.callback_url = callback_url  # as configured in ICE: the URL ICE signs, not this server's own
        self.callback_keys = tuple(callback_keys)  # old and new during a rotation
        self._media: dict[str, MediaProgress] = {}
        self._lock = threading.Lock()
        self._events: queue.Queue[IceEvent] = queue.Queue()
        self._worker = threading.Thread(target=self._record_events, name="ice-callbacks", daemon=True)

    def start(self) -> None:
        # The event models load pydantic on first use: pay for it now, not inside ICE's 3 seconds.
        import icekit.callbacks.events  # noqa: F401

        self._worker.start()

    def create_ticket(self, file_name: str, size: int | None, title: str) -> dict[str, Any]:
        """A ticket for one file, checked against the app's rules first (UserInputError when refused)."""
        ticket = self.uploader.create_ticket(file_name, title=title, size=size)
        with self._lock:
            self._media[ticket.media_id] = MediaProgress(ticket)
        return _ticket_document(ticket)

    def renew_ticket(self, media_id: str) -> dict[str, Any] | None:
        """A fresh credential for a ticket this server issued (None for one it did not)."""
        with self._lock:
            progress = self._media.get(media_id)
        if progress is None:
            return None
        renewed = self.uploader.renew_ticket(progress.ticket)
        with self._lock:
            progress.ticket, progress.renewals = renewed, progress.renewals + 1
            self._media.setdefault(renewed.media_id, progress)
        return _ticket_document(renewed)

    def receive_callback(self, headers: Iterable[tuple[str, str]], body: bytes) -> CallbackOutcome:
        """Verify and enqueue; the work happens in the worker thread, so ICE hears 200 at once."""
        if self.callback_url is None or not self.callback_keys:
            return CallbackOutcome(404, "no-callback-configured")
        try:
            event = verify(self.callback_url, headers, body, self.callback_keys)
        except CallbackRejected as rejected:
            return CallbackOutcome(403, str(rejected.reason))
        self._events.put(event)
        return CallbackOutcome(200, None)

    def _record_events(self) -> None:
        while True:
            event = self._events.get()
            try:
                media_id, status = _media_and_status(event)
                with self._lock:
                    progress = self._media.get(media_id)
                    if progress is not None:  # the body is not signed: only media this server issued count
                        progress.callbacks.append({"eventType": event.EventType, "status": status})
            except Exception:  # one odd event must not stop the worker
                logging.getLogger(__name__).exception("ICE event %s not recorded", event.EventType)
            finally:
                self._events.task_done()

    def status(self, media_id: str) -> dict[str, Any] | None:
        """Where a media this server issued stands: its verified callbacks and GetMediaInfo's Status."""
        with self._lock:
            progress = self._media.get(media_id)
            callbacks = list(progress.callbacks) if progress else []
        if progress is None:
            return None
        address = decode_address(progress.ticket.upload_address)
        return {
            "mediaId": media_id,
            "fileType": progress.ticket.file_type,
            "object": f"{address.bucket}/{address.file_name}",
            "mediaStatus": self.uploader.media_status(media_id),
            "callbackExpected": progress.ticket.file_type in _callback_types(),
            "callbackVerified": any(c["status"] == "Success" for c in callbacks),
            "callbacks": callbacks,
            "renewals": progress.renewals,
        }
