"""How long the credentials of an upload live (ice-upload-facts.md)."""

from __future__ import annotations

__all__ = ["CREDENTIAL_VALIDITY_SECONDS", "MAX_SESSION_SECONDS", "MIN_SESSION_SECONDS"]

# ICE's validity of an upload credential; RefreshUploadMedia renews it for as long again.
CREDENTIAL_VALIDITY_SECONDS = 3000
# A RAM role's MaxSessionDuration, and so the longest an STS session (and anything it issues) lasts.
MIN_SESSION_SECONDS = 3600
MAX_SESSION_SECONDS = 43200
