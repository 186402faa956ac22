"""One record per request a sandbox service answered, for the log the `icekit sandbox` verb prints on stderr
(text, or JSON lines with `--log-format json`). Secrets never appear in it: no AccessKey secret, no token."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["RecordSink", "RequestRecord", "discard_records"]


@dataclass(frozen=True)
class RequestRecord:
    service: str  # "sts", "ice" or "oss"
    request_id: str
    method: str
    action: str  # e.g. "AssumeRole", "CreateUploadMedia", "PutObject"; "" when the request was not understood
    status: int
    code: str | None  # the error code of a refusal, None on success
    principal: str | None  # the caller's ARN once its credential held
    resource: str | None
    allowed: bool | None  # the Authorizer's answer; None when the request was refused before it was asked
    reason: str | None
    deciding_statement: str | None
    source_ip: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


RecordSink = Callable[[RequestRecord], None]


def discard_records(record: RequestRecord) -> None:
    """The sink when nobody listens."""
