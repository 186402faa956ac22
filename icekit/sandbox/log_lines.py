"""The verb's stderr log: one line per request (with the Authorizer's decision) and per event delivery, as
text for people or JSON lines (`--log-format json`) for machines. The records hold no secret; lines are
written whole under a lock (the services answer on many threads).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Literal, TextIO

from icekit.sandbox.event_delivery import DeliveryRecord
from icekit.sandbox.request_log import RequestRecord

__all__ = ["LogFormat", "SandboxLog", "delivery_text", "request_text"]

LogFormat = Literal["text", "json"]


def _decision_text(record: RequestRecord) -> str:
    if record.allowed is None:
        return "not authorized (refused before)"
    if record.allowed and record.deciding_statement:
        return f"allowed by {record.deciding_statement}"
    verdict = "allowed" if record.allowed else "denied"
    statement = f" [{record.deciding_statement}]" if record.deciding_statement else ""
    return f"{verdict}: {record.reason}{statement}"


def request_text(record: RequestRecord) -> str:
    outcome = record.code or "OK"
    who, what = record.principal or "-", record.resource or "-"
    return (
        f"{record.service} {record.action or '?'} {record.status} {outcome} by {who} on {what}"
        f" from {record.source_ip}: {_decision_text(record)} (RequestId {record.request_id})"
    )


def delivery_text(record: DeliveryRecord) -> str:
    target = f" to {record.target}" if record.target else ""
    head = f"event {record.event} {record.event_type} {record.channel}{target}"
    return f"{head}: {record.outcome} ({record.detail})"


@dataclass
class SandboxLog:
    stream: TextIO
    log_format: LogFormat = "text"
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def line(self, kind: str, text: str, document: dict[str, object]) -> None:
        out = json.dumps({"kind": kind, **document}, sort_keys=True) if self.log_format == "json" else text
        with self._lock:
            self.stream.write(out + "\n")
            self.stream.flush()

    def request(self, record: RequestRecord) -> None:
        self.line("request", request_text(record), record.as_json())

    def delivery(self, record: DeliveryRecord) -> None:
        self.line("event", delivery_text(record), record.as_json())

    def note(self, message: str) -> None:
        self.line("note", f"icekit sandbox: {message}", {"message": message})
