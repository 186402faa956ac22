"""The role session: the base identity assumes the configuration's `roleArn` through STS, and the temporary
credential is shared, cached and renewed before it expires.

- Base identity: alibabacloud-credentials' default chain (environment, profile, instance role, ...), or a key
  given explicitly (a sandbox principal). AssumeRole goes through alibabacloud-sts20150401, not the
  credentials library's RAM-role provider, which hard-codes https (docs/sandbox-protocols.md section 1).
- Thread-safe: one lock; a thread that finds the credential fresh never waits for STS, and when it is due only
  one thread calls AssumeRole while the others wait for its answer (no refresh races, no stale key reused).
- The security token always travels with the key: `TemporaryCredential` has no form without it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from icekit.upload.endpoints import Endpoint
from icekit.upload.retry import DEFAULT_RETRY, RetryPolicy, call_openapi

__all__ = [
    "REFRESH_MARGIN_SECONDS",
    "AccessKey",
    "RoleSession",
    "TemporaryCredential",
    "default_chain",
    "openapi_config",
]

# Renew this long before expiry: a multipart upload's next part must not leave with a key about to lapse.
REFRESH_MARGIN_SECONDS: Final = 300


@dataclass(frozen=True)
class AccessKey:
    """A key the SDKs sign with; `security_token` is set for temporary keys (and must be sent with them)."""

    access_key_id: str
    access_key_secret: str
    security_token: str | None = None

    def __repr__(self) -> str:
        return f"AccessKey(access_key_id={self.access_key_id!r}, temporary={self.security_token is not None})"


@dataclass(frozen=True)
class TemporaryCredential:
    key: AccessKey
    expires_at: float  # UNIX seconds

    def fresh(self, now: float, margin: float) -> bool:
        return now < self.expires_at - margin


def default_chain() -> AccessKey:
    """The base identity from alibabacloud-credentials' default chain."""
    from alibabacloud_credentials.client import Client

    found = Client().get_credential()
    return AccessKey(found.access_key_id, found.access_key_secret, found.security_token or None)


def openapi_config(key: AccessKey, endpoint: Endpoint, region: str) -> Any:
    """The OpenAPI SDK's Config with the endpoint set explicitly (the ICE SDK's own map is wrong for most
    regions, docs/ice-facts.md section 4)."""
    from alibabacloud_tea_openapi import models as open_api_models

    return open_api_models.Config(
        access_key_id=key.access_key_id,
        access_key_secret=key.access_key_secret,
        security_token=key.security_token,
        endpoint=endpoint.host,
        protocol=endpoint.protocol,
        region_id=region,
    )


def _expiry(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()


class RoleSession:
    """`credential()` is a fresh temporary key of `role_arn`, assumed at most once per validity period."""

    def __init__(
        self,
        role_arn: str,
        session_name: str,
        *,
        sts: Endpoint,
        region: str,
        base: Callable[[], AccessKey] = default_chain,
        duration_seconds: int = 3600,
        margin_seconds: float = REFRESH_MARGIN_SECONDS,
        retry: RetryPolicy = DEFAULT_RETRY,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.role_arn, self.session_name = role_arn, session_name
        self._sts, self._region, self._base = sts, region, base
        self._duration, self._margin, self._retry, self._clock = (
            duration_seconds,
            margin_seconds,
            retry,
            clock,
        )
        self._lock = threading.Lock()
        self._current: TemporaryCredential | None = None
        self.assumed = 0  # how many AssumeRole calls this session made (tests and logs)

    def credential(self, *, renew: bool = False) -> TemporaryCredential:
        """The current temporary key; `renew=True` after a service said it expired (another thread may
        already have renewed it: then that one is returned)."""
        seen = self._current
        with self._lock:
            current = self._current
            stale = renew and current is seen
            if current is None or stale or not current.fresh(self._clock(), self._margin):
                self._current = current = self._assume()
            return current

    def _assume(self) -> TemporaryCredential:
        from alibabacloud_sts20150401 import models as sts_models
        from alibabacloud_sts20150401.client import Client

        client = Client(openapi_config(self._base(), self._sts, self._region))
        request = sts_models.AssumeRoleRequest(
            role_arn=self.role_arn, role_session_name=self.session_name, duration_seconds=self._duration
        )
        answer = call_openapi("sts", "AssumeRole", lambda: client.assume_role(request), self._retry)
        issued = answer.body.credentials
        self.assumed += 1
        key = AccessKey(issued.access_key_id, issued.access_key_secret, issued.security_token)
        return TemporaryCredential(key, _expiry(issued.expiration))
