"""ICE events: kept in the state directory, then delivered in a background thread as ICE delivers them.

`EventDispatcher.emit` stores the event (`events/<sequence>.json`), decides where it goes and returns at once,
so the OSS request that completed an upload is not held up. One worker thread delivers, in order:
- the region's event callback must subscribe to the event type (SetEventCallback's EventTypeList), else the
  event is only kept ("unsubscribed");
- a per-upload `UserData.MessageCallback.CallbackURL` takes the place of the region's target (inferred from
  VOD, where a per-upload URL works only with the region's notification on for that event);
- HTTP: `callback_http` rules (3 s, two retries a second apart, then dropped), signed when AuthSwitch is on;
- MNS: the message is appended to the local queue (`mns_queue`).
Each outcome goes to the `on_delivery` sink (by default the `icekit.sandbox.events` logger) and into the
event's record.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from icekit.callbacks.signature import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from icekit.sandbox.callback_http import CallbackRedirects, DeliveryRules, is_loopback_url, post_callback
from icekit.sandbox.event_settings import read_event_callback
from icekit.sandbox.freshness import Clock, utc_now
from icekit.sandbox.mns_queue import LocalQueues, is_queue_name
from icekit.sandbox.state import StateDirectory

__all__ = ["DeliveryRecord", "DeliverySink", "EventDispatcher", "log_delivery"]

_LOG = logging.getLogger("icekit.sandbox.events")
_DELIVERED = "200"  # ICE counts HTTP 200 as delivered, nothing else


@dataclass(frozen=True)
class DeliveryRecord:
    event: str  # the name of the event's record in events/
    event_type: str
    channel: str  # "http", "mns" or "none"
    target: str  # the URL posted to (after redirection), the queue name, or "" when none
    outcome: str  # "delivered", "dropped", "refused" or "unsubscribed"
    attempts: tuple[str, ...]  # per HTTP attempt: the status, "timeout" or the connection error
    detail: str

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "attempts": list(self.attempts)}


DeliverySink = Callable[[DeliveryRecord], None]


def log_delivery(record: DeliveryRecord) -> None:
    level = logging.INFO if record.outcome in ("delivered", "unsubscribed") else logging.WARNING
    _LOG.log(level, "event %s %s: %s (%s)", record.event, record.event_type, record.outcome, record.detail)


@dataclass(frozen=True)
class _Job:
    name: str
    document: Mapping[str, Any]
    channel: str
    target: str  # URL to post to, or queue name
    signed_url: str | None = None  # the URL as configured in ICE, which the signature covers
    auth_key: str | None = None

    @property
    def event_type(self) -> str:
        return str(self.document.get("EventType", ""))

    @property
    def body(self) -> str:
        return json.dumps(self.document, ensure_ascii=False, separators=(",", ":"))

    def record(self, outcome: str, detail: str, attempts: tuple[str, ...] = ()) -> DeliveryRecord:
        return DeliveryRecord(
            self.name, self.event_type, self.channel, self.target, outcome, attempts, detail
        )


class EventDispatcher:
    def __init__(
        self,
        state: StateDirectory,
        region: str,
        *,
        redirects: CallbackRedirects | None = None,
        rules: DeliveryRules | None = None,
        allow_remote_callbacks: bool = False,
        on_delivery: DeliverySink = log_delivery,
        clock: Clock = utc_now,
        auth_keys: Mapping[str, str] | None = None,
    ) -> None:
        self._state, self._region, self._clock = state, region, clock
        # URL as configured -> the auth key of the declared HTTP callback it belongs to (the sandbox's
        # reading: each declared callback signs with its own key; otherwise the region's AuthKey signs).
        self._auth_keys = dict(auth_keys or {})
        self._redirects = redirects or CallbackRedirects()
        self._rules = rules or DeliveryRules()
        self._allow_remote = allow_remote_callbacks
        self._on_delivery = on_delivery
        self._queues = LocalQueues(state)
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._pending = 0
        self._idle = threading.Condition()
        self._worker: threading.Thread | None = None

    def emit(self, document: Mapping[str, Any], *, callback_url: str | None = None) -> str:
        """Keep the event and queue its delivery; the name of its record in events/."""
        name = self._state.append_event({"event": dict(document), "delivery": {"outcome": "pending"}})
        planned = self._plan(name, document, callback_url)
        if isinstance(planned, DeliveryRecord):
            self._finish(planned, document)
        else:
            self._enqueue(planned)
        return name

    def wait_idle(self, timeout: float) -> bool:
        """Whether every queued delivery finished within `timeout` seconds."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker after the deliveries already queued (bounded by `timeout`)."""
        if self._worker is not None:
            self._jobs.put(None)
            self._worker.join(timeout)
            self._worker = None  # an emit after close starts a new worker

    def _plan(
        self, name: str, document: Mapping[str, Any], callback_url: str | None
    ) -> _Job | DeliveryRecord:
        setting = read_event_callback(self._state, self._region)
        if setting is None or not setting.subscribes(str(document.get("EventType", ""))):
            detail = f"the event callback of {self._region} does not subscribe to it"
            return _Job(name, document, "none", "").record("unsubscribed", detail)
        if callback_url is None and setting.callback_type == "MNS":
            job = _Job(name, document, "mns", setting.queue_name or "")
            if not is_queue_name(job.target):
                return job.record("refused", f"CallbackQueueName {job.target!r} is not a queue name")
            return job
        url = callback_url or setting.callback_url or ""
        auth_key = self._auth_keys.get(url, setting.auth_key)
        job = _Job(name, document, "http", self._redirects.target_of(url), url, auth_key)
        if not url:
            return job.record("refused", "no CallbackURL is set")
        if not is_loopback_url(job.target) and not self._allow_remote:
            return job.record("refused", f"{job.target} is not on loopback: redirect it to a local receiver")
        return job

    def _enqueue(self, job: _Job) -> None:
        with self._idle:
            self._pending += 1
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="icekit-sandbox-events", daemon=True)
                self._worker.start()
        self._jobs.put(job)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                record = self._deliver_http(job) if job.channel == "http" else self._deliver_mns(job)
                self._finish(record, job.document)
            except Exception:  # one broken delivery must not stop the ones after it
                _LOG.exception("event %s: delivery failed", job.name)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def _deliver_mns(self, job: _Job) -> DeliveryRecord:
        message_id = self._queues.append(job.target, job.body, self._clock())
        return job.record("delivered", f"message {message_id} appended to the local queue {job.target}")

    def _deliver_http(self, job: _Job) -> DeliveryRecord:
        attempts: list[str] = []
        body = job.body.encode("utf-8")
        for attempt in range(1 + self._rules.retries):
            if attempt:
                time.sleep(self._rules.retry_pause_seconds)
            attempts.append(post_callback(job.target, body, self._headers(job), self._rules.timeout_seconds))
            if attempts[-1] == _DELIVERED:
                return job.record("delivered", f"HTTP 200 from {job.target}", tuple(attempts))
        detail = f"no HTTP 200 in {len(attempts)} attempts; dropped, as ICE drops it"
        return job.record("dropped", detail, tuple(attempts))

    def _headers(self, job: _Job) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "User-Agent": "icekit-sandbox"}
        if job.auth_key and job.signed_url:
            stamp = str(int(self._clock().timestamp()))  # each attempt is signed when it is sent
            headers[TIMESTAMP_HEADER] = stamp
            headers[SIGNATURE_HEADER] = sign(job.signed_url, stamp, job.auth_key)
        return headers

    def _finish(self, record: DeliveryRecord, document: Mapping[str, Any]) -> None:
        self._state.write_record(
            "events", record.event, {"event": dict(document), "delivery": record.as_json()}
        )
        self._on_delivery(record)
