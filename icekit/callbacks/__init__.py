"""Receiving ICE's event callbacks: verify the HTTP signature and read the typed event.

`verify` and `sign` live in icekit.callbacks.signature (no pulumi, no pydantic: cheap to import in a web
worker); the event documents it returns are in icekit.callbacks.events, which loads pydantic on first use.
"""

from __future__ import annotations

from icekit.callbacks.signature import CallbackRejected, RejectReason, sign, verify

# The constants (header names, DEFAULT_MAX_AGE, FUTURE_SKEW) stay in icekit.callbacks.signature.
__all__ = ["CallbackRejected", "RejectReason", "sign", "verify"]
