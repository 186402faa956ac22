"""Backoff for the OpenAPI calls (STS, ICE): throttling and server errors are retried, everything else
surfaces at once as a ServiceError carrying the service's Code and RequestId.

The OpenAPI SDK retries nothing unless told (darabonba/core.py), so icekit does it here, with full jitter
(AWS architecture blog "Exponential Backoff And Jitter"). OSS calls are retried by alibabacloud-oss-v2's own
retryer (5xx, 429, 408, RequestTimeTooSkewed), which icekit leaves on."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, TypeVar

from icekit.upload.errors import ServiceError

__all__ = ["DEFAULT_RETRY", "THROTTLING_CODES", "RetryPolicy", "as_service_error", "call_openapi"]

Result = TypeVar("Result")

# Alibaba's common throttling codes (OpenAPI "common error codes"); ServiceUnavailable is 503's code.
THROTTLING_CODES: Final = frozenset(
    {"Throttling", "Throttling.User", "Throttling.Api", "Throttling.Concurrent", "ServiceUnavailable"}
)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_seconds: float = 0.2
    cap_seconds: float = 5.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def pause(self, attempt: int) -> None:
        self.sleep(random.uniform(0, min(self.cap_seconds, self.base_seconds * 2**attempt)))


DEFAULT_RETRY: Final = RetryPolicy()


def _retryable(error: ServiceError) -> bool:
    return error.status >= 500 or error.status == 429 or error.code in THROTTLING_CODES


def as_service_error(service: str, action: str, error: Exception) -> ServiceError | None:
    """The SDK's exception as a ServiceError, or None for an exception that is not a service's answer."""
    from darabonba.exceptions import ResponseException

    if not isinstance(error, ResponseException):
        return None
    return ServiceError(
        service,
        action,
        code=getattr(error, "code", None),
        message=str(getattr(error, "message", "") or error),
        request_id=getattr(error, "request_id", None),
        status=int(getattr(error, "status_code", 0) or 0),
    )


def call_openapi(service: str, action: str, call: Callable[[], Result], policy: RetryPolicy) -> Result:
    """`call()`, retried under `policy` while the service throttles or fails; its refusal as ServiceError."""
    for attempt in range(policy.attempts):
        try:
            return call()
        except Exception as raw:  # the SDK raises several families; each is sorted below
            error = as_service_error(service, action, raw)
            if error is None:
                raise
            if not _retryable(error) or attempt == policy.attempts - 1:
                raise error from None
        policy.pause(attempt)
    raise AssertionError("unreachable: the last attempt returns or raises")
