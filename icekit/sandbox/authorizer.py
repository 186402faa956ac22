"""The question every sandbox service asks once a request's signature and credential hold: may this principal
do this action on this resource, in this context?

The apps call `Authorizer.authorize` per request and act on the `AuthorizationDecision` (refuse when not
allowed, log the reason and the deciding statement either way). The implementation that evaluates the stack's
RAM documents with icekit.ram's evaluator comes with the `icekit sandbox` verb; tests use a double.

What the apps ask (docs/sandbox-protocols.md, "Authorization"):
- STS AssumeRole: action `sts:AssumeRole`, resource the role ARN; the answer must cover both the caller's own
  permission and the role's trust policy naming the caller.
- ICE: action `ice:<Action>`, resource `acs:ice:*:<account>:*` (ICE has no resource-level authorization).
- OSS: action `oss:<permission>`, resource `acs:oss:*:<account>:<bucket>/<key>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from icekit.sandbox.principals import Principal
from icekit.sandbox.wire import IncomingRequest

__all__ = ["AuthorizationDecision", "Authorizer", "ContextOverrides", "RequestContext"]


@dataclass(frozen=True)
class RequestContext:
    """The request facts RAM conditions test (global condition keys `acs:SourceIp`, `acs:SecureTransport`,
    `acs:CurrentTime`)."""

    source_ip: str
    secure_transport: bool
    current_time: datetime

    def condition_keys(self) -> dict[str, str]:
        return {
            "acs:SourceIp": self.source_ip,
            "acs:SecureTransport": "true" if self.secure_transport else "false",
            "acs:CurrentTime": self.current_time.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }


@dataclass(frozen=True)
class ContextOverrides:
    """What the user asked the sandbox to pretend (`--source-ip`, `--secure-transport`) instead of what the
    socket says, to rehearse a production network on loopback."""

    source_ip: str | None = None
    secure_transport: bool | None = None

    def context_for(self, request: IncomingRequest, now: datetime) -> RequestContext:
        return RequestContext(
            source_ip=self.source_ip if self.source_ip is not None else request.remote_addr,
            secure_transport=self.secure_transport
            if self.secure_transport is not None
            else request.is_secure,
            current_time=now,
        )


@dataclass(frozen=True)
class AuthorizationDecision:
    allowed: bool
    reason: str  # why, in words: e.g. "explicit deny", "no statement allows ice:DeleteMediaInfos"
    # Where the deciding statement is, e.g. "policy app-upload, Statement[0]"; None when none decided.
    deciding_statement: str | None = None

    def denial_detail(self, action: str) -> dict[str, str]:
        """What a refusal tells the client about a denial (OpenAPI's AccessDeniedDetail, OSS error fields)."""
        detail = {"AuthAction": action, "Reason": self.reason}
        if self.deciding_statement is not None:
            detail["DecidingStatement"] = self.deciding_statement
        return detail


class Authorizer(Protocol):
    def authorize(
        self, principal: Principal, action: str, resource: str, context: RequestContext
    ) -> AuthorizationDecision: ...
