"""The one exception a sandbox check raises to refuse a request, in the service's own terms.

Each service application renders it in its wire shape (OpenAPI JSON for STS and ICE, XML for OSS), so the
official SDKs raise their usual exception carrying the same `Code`, `Message` and a `RequestId`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["Refusal"]


class Refusal(Exception):
    """A request the sandbox answers with an error: HTTP `status`, service error `code`, human `message`."""

    def __init__(
        self, code: str, message: str, status: int = 400, *, details: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        # Extra fields of the error body, e.g. OpenAPI's AccessDeniedDetail.
        self.details = dict(details or {})
