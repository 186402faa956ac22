"""ICE's limits on the callbacks it calls: SetEventCallback and UserData.MessageCallback
(ice-upload-facts.md)."""

from __future__ import annotations

__all__ = ["AUTH_KEY_MAX", "MAX_CALLBACK_URL_BYTES", "MNS_QUEUE_PREFIX"]

# A callback URL (CallbackURL) is at most 256 bytes in UTF-8.
MAX_CALLBACK_URL_BYTES = 256
# An event callback's AuthKey: at most 32 characters.
AUTH_KEY_MAX = 32
# CallbackQueueName must start with `ice-callback-`.
MNS_QUEUE_PREFIX = "ice-callback-"
