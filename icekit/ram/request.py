"""A request as the evaluator sees it: who asks to do what on which resource, with which context keys."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from icekit.ram.model import Principal
from icekit.ram.names import CURRENT_TIME, SECURE_TRANSPORT, SOURCE_IP

__all__ = ["Request"]


@lru_cache(maxsize=4096)
def _address_text(text: str) -> str:
    # Cached: an access table asks about the same few addresses many times.
    return str(ipaddress.ip_address(text.strip()))


@dataclass(frozen=True, slots=True)
class Request:
    """`action` (e.g. `ice:CreateUploadMedia`), `resource` (an ARN; `*` when the action has no resource
    level), `principal` (who calls: needed for trust policies, ignored by statements without `Principal`)
    and `context`: condition keys and their values as text, one value per key. Keys are case-insensitive
    (stored case-folded). icekit never fills in a key: a key the caller leaves out is missing.
    """

    action: str
    resource: str = "*"
    principal: Principal | None = None
    context: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "context", {key.casefold(): value for key, value in self.context.items()})

    @classmethod
    def of(
        cls,
        action: str,
        *,
        resource: str = "*",
        principal: Principal | None = None,
        source_ip: str | None = None,
        secure_transport: bool | None = None,
        current_time: datetime | None = None,
        context: Mapping[str, str] | None = None,
    ) -> Request:
        """A request with icekit's typed context keys (acs:SourceIp, acs:SecureTransport, acs:CurrentTime)
        besides any raw `context`; a source IP that is not an address is a ValueError."""
        keys = dict(context or {})
        if source_ip is not None:
            keys[SOURCE_IP] = _address_text(source_ip)
        if secure_transport is not None:
            keys[SECURE_TRANSPORT] = "true" if secure_transport else "false"
        if current_time is not None:
            moment = current_time if current_time.tzinfo else current_time.replace(tzinfo=UTC)
            keys[CURRENT_TIME] = moment.isoformat()
        return cls(action=action, resource=resource, principal=principal, context=keys)
