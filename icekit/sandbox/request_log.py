"""One record per request a sandbox service answered, for the log the `icekit sandbox` verb prints on stderr
(text, or JSON lines with `--log-format json`). Secrets never appear in it: no AccessKey secret, no token."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from icekit.sandbox.authorizer import AuthorizationDecision

__all__ = ["RecordSink", "RequestProgress", "RequestRecord", "discard_records"]


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
    source_ip: str  # the acs:SourceIp the request was decided with (the socket's, or --source-ip)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


RecordSink = Callable[[RequestRecord], None]


def discard_records(record: RequestRecord) -> None:
    """The sink when nobody listens."""


@dataclass
class RequestProgress:
    """How far a request got, filled in by an application as it goes, turned into its record at the end."""

    action: str = ""
    principal: str | None = None
    resource: str | None = None
    decision: AuthorizationDecision | None = None
    code: str | None = None

    def record(
        self, service: str, request_id: str, method: str, status: int, source_ip: str
    ) -> RequestRecord:
        decision = self.decision
        return RequestRecord(
            service=service,
            request_id=request_id,
            method=method,
            action=self.action,
            status=status,
            code=self.code,
            principal=self.principal,
            resource=self.resource,
            allowed=decision.allowed if decision is not None else None,
            reason=decision.reason if decision is not None else None,
            deciding_statement=decision.deciding_statement if decision is not None else None,
            source_ip=source_ip,
        )
