"""The upload path wired on loopback for tests: ICE (with the upload actions) and OSS over one state
directory, the event dispatcher, a clock tests can move forward, and a local receiver for HTTP callbacks.

Everything listens on 127.0.0.1 (port 0); the official SDK clients in tests/sandbox/clients.py talk to it."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from icekit.sandbox.callback_http import CallbackRedirects, DeliveryRules
from icekit.sandbox.credentials import CredentialStore
from icekit.sandbox.event_delivery import DeliveryRecord, EventDispatcher
from icekit.sandbox.freshness import utc_now
from icekit.sandbox.ice_app import IceUploads, ice_application
from icekit.sandbox.media_library import MediaLibrary
from icekit.sandbox.object_store import ObjectStore
from icekit.sandbox.oss_app import OssApplication
from icekit.sandbox.request_log import RequestRecord
from icekit.sandbox.serving import RunningServer, running_server
from icekit.sandbox.state import StateDirectory
from icekit.sandbox.upload_completion import UploadCompletion
from icekit.sandbox.upload_issuer import UploadStorage
from tests.sandbox.conftest import ACCOUNT, REGION
from tests.sandbox.doubles import ScriptedAuthorizer

__all__ = [
    "DECLARED_CALLBACK",
    "OWN_BUCKET",
    "STORAGE_LOCATION",
    "CallbackReceiver",
    "ReceivedCallback",
    "ShiftedClock",
    "UploadRig",
    "decoded",
    "upload_rig",
]

STORAGE_LOCATION = "outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com"
OWN_BUCKET = "acme-dev-ice-import"
# The callback URL a stack declares; the rig redirects it to its local receiver.
DECLARED_CALLBACK = "https://hooks.example.com/ice"
QUICK_RULES = DeliveryRules(timeout_seconds=2.0, retries=2, retry_pause_seconds=0.05)


def decoded(value: str) -> dict[str, Any]:
    """An UploadAddress or UploadAuth: base64 of a JSON object."""
    document = json.loads(base64.b64decode(value))
    assert isinstance(document, dict)
    return document


@dataclass
class ShiftedClock:
    """The real time plus an offset a test moves forward (to expire credentials without waiting)."""

    offset: timedelta = timedelta()

    def __call__(self) -> datetime:
        return utc_now() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


@dataclass(frozen=True)
class ReceivedCallback:
    path: str
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class CallbackReceiver:
    """A WSGI app standing in for the application's callback endpoint: records each POST and answers with
    the next scripted status (the last one repeats), after an optional delay."""

    statuses: list[int] = field(default_factory=lambda: [200])
    delay_seconds: float = 0.0
    gate: threading.Event | None = None  # when given, each answer waits (at most 10 s) until it is set
    received: list[ReceivedCallback] = field(default_factory=list)
    _arrived: threading.Condition = field(default_factory=threading.Condition)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = [(k[5:].replace("_", "-"), v) for k, v in environ.items() if k.startswith("HTTP_")]
        with self._arrived:
            status = self.statuses[min(len(self.received), len(self.statuses) - 1)]
            self.received.append(ReceivedCallback(environ["PATH_INFO"], headers, body))
            self._arrived.notify_all()
        time.sleep(self.delay_seconds)
        if self.gate is not None:
            self.gate.wait(10)
        start_response(f"{status} STATUS", [("Content-Type", "text/plain")])
        return [b"ok"]

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedCallback]:
        with self._arrived:
            assert self._arrived.wait_for(lambda: len(self.received) >= count, timeout), self.received
            return list(self.received)


@dataclass
class UploadRig:
    ice: RunningServer
    oss: RunningServer
    receiver: CallbackReceiver
    receiver_url: str
    library: MediaLibrary
    events: EventDispatcher
    clock: ShiftedClock
    ice_records: list[RequestRecord]
    oss_records: list[RequestRecord]
    deliveries: list[DeliveryRecord]


@contextmanager
def upload_rig(
    state: StateDirectory,
    credentials: CredentialStore,
    authorizer: ScriptedAuthorizer,
    *,
    credential_seconds: int = 3000,
    receiver: CallbackReceiver | None = None,
    rules: DeliveryRules = QUICK_RULES,
) -> Iterator[UploadRig]:
    receiver = receiver or CallbackReceiver()
    clock, deliveries = ShiftedClock(), []
    ice_records: list[RequestRecord] = []
    oss_records: list[RequestRecord] = []
    with ExitStack() as stack:
        local = stack.enter_context(running_server(receiver))
        receiver_url = f"{local.url}/ice-events"
        redirects = CallbackRedirects.from_options({DECLARED_CALLBACK: receiver_url})
        events = EventDispatcher(
            state, REGION, redirects=redirects, rules=rules, on_delivery=deliveries.append, clock=clock
        )
        stack.callback(events.close)
        library, objects = MediaLibrary(state), ObjectStore(state)
        buckets = {OWN_BUCKET: ACCOUNT, UploadStorage.bucket_of(STORAGE_LOCATION): ACCOUNT}
        oss_app = OssApplication(
            objects, credentials, authorizer, REGION, buckets,
            clock=clock, on_record=oss_records.append, uploads=UploadCompletion(library, events),
        )  # fmt: skip
        oss = stack.enter_context(running_server(oss_app))
        storage = UploadStorage(oss.url, (STORAGE_LOCATION,), credential_seconds)
        ice_app = ice_application(
            state, REGION, credentials, authorizer,
            uploads=IceUploads(library, objects, storage), clock=clock, on_record=ice_records.append,
        )  # fmt: skip
        ice = stack.enter_context(running_server(ice_app))
        yield UploadRig(
            ice, oss, receiver, receiver_url, library, events, clock, ice_records, oss_records, deliveries
        )
