"""Replay protection: a request is valid only near the time it was signed, and a nonce only once.

Alibaba's OpenAPI (signature V2 `Timestamp`/`SignatureNonce`, V3 `x-acs-date`/`x-acs-signature-nonce`) and OSS
(`Date`/`x-oss-date`) accept a request signed within 15 minutes of the server's clock; OpenAPI refuses a nonce
seen before within that window. docs/sandbox-protocols.md gives the sources.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from icekit.sandbox.refusal import Refusal

__all__ = ["SIGNED_REQUEST_WINDOW", "Clock", "NonceLedger", "require_within_window", "utc_now"]

SIGNED_REQUEST_WINDOW = timedelta(minutes=15)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def require_within_window(signed_at: datetime, now: datetime, refusal: Refusal) -> None:
    """Raise `refusal` unless `signed_at` is within the window either side of `now`."""
    if abs(now - signed_at) > SIGNED_REQUEST_WINDOW:
        raise refusal


class NonceLedger:
    """Remembers each nonce for the window; a second use within it is refused. Safe across threads."""

    def __init__(self, window: timedelta = SIGNED_REQUEST_WINDOW) -> None:
        self._window = window
        self._seen: dict[str, datetime] = {}
        self._lock = threading.Lock()

    def use(self, nonce: str, now: datetime, refusal: Refusal) -> None:
        """Record `nonce`, or raise `refusal` if it was used within the window."""
        with self._lock:
            self._forget_older_than(now - self._window)
            if nonce in self._seen:
                raise refusal
            self._seen[nonce] = now

    def _forget_older_than(self, cutoff: datetime) -> None:
        for nonce in [n for n, at in self._seen.items() if at < cutoff]:
            del self._seen[nonce]
