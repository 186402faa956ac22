"""The sandbox's AccessKeys: long-term keys of the principals it serves, and the temporary credentials
(AccessKey ID `STS.…`, secret, `SecurityToken`, expiry) that its STS and ICE issue.

`secret_for` is the lookup the signature checks use; `authenticate` then answers who the key belongs to, after
checking the security token the way STS credentials are checked: present, the one issued with the key, and
not expired. Problems come back as a `CredentialError`; each service maps its `problem` to its own error code.
Temporary credentials are also written to the state directory (private files) so that they outlive a restart.
"""

from __future__ import annotations

import enum
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from icekit.sandbox.principals import Principal
from icekit.sandbox.state import StateDirectory

__all__ = ["AccessKey", "CredentialError", "CredentialProblem", "CredentialStore", "TemporaryCredential"]

_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _random_text(length: int) -> str:
    return "".join(secrets.choice(_ALPHANUMERIC) for _ in range(length))


@dataclass(frozen=True)
class AccessKey:
    access_key_id: str
    secret: str
    principal: Principal


@dataclass(frozen=True)
class TemporaryCredential:
    access_key_id: str
    secret: str
    security_token: str
    expiration: datetime
    principal: Principal


class CredentialProblem(enum.Enum):
    UNKNOWN_KEY = "the AccessKey ID is not known"
    TOKEN_MISSING = "a temporary AccessKey was used without its security token"
    TOKEN_MISMATCH = "the security token was not issued with this AccessKey"
    TOKEN_EXPIRED = "the security token has expired"
    TOKEN_UNEXPECTED = "a security token was sent with a long-term AccessKey"


class CredentialError(Exception):
    def __init__(self, problem: CredentialProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class CredentialStore:
    def __init__(self, state: StateDirectory | None = None) -> None:
        self._state = state
        self._lock = threading.Lock()
        self._long_term: dict[str, AccessKey] = {}
        self._temporary: dict[str, TemporaryCredential] = {}
        if state is not None:
            for _, record in state.records("credentials"):
                credential = _credential_from_record(record)
                self._temporary[credential.access_key_id] = credential

    def add_access_key(self, key: AccessKey) -> AccessKey:
        with self._lock:
            self._long_term[key.access_key_id] = key
        return key

    def new_access_key(self, principal: Principal) -> AccessKey:
        """A fresh long-term AccessKey (`LTAI…`, as Alibaba's are) for `principal`."""
        return self.add_access_key(AccessKey(f"LTAI{_random_text(20)}", _random_text(30), principal))

    def issue_temporary(
        self, principal: Principal, lifetime: timedelta, now: datetime
    ) -> TemporaryCredential:
        credential = TemporaryCredential(
            access_key_id=f"STS.{_random_text(24)}",
            secret=_random_text(40),
            security_token=f"CAIS{secrets.token_urlsafe(96)}",
            expiration=(now + lifetime).replace(microsecond=0),
            principal=principal,
        )
        with self._lock:
            self._temporary[credential.access_key_id] = credential
        if self._state is not None:
            self._state.write_record(
                "credentials", credential.access_key_id, _credential_record(credential), private=True
            )
        return credential

    def secret_for(self, access_key_id: str) -> str | None:
        with self._lock:
            known = self._long_term.get(access_key_id) or self._temporary.get(access_key_id)
        return known.secret if known is not None else None

    def authenticate(self, access_key_id: str, security_token: str | None, now: datetime) -> Principal:
        """The principal the key belongs to; CredentialError if the key or its token does not hold."""
        with self._lock:
            long_term = self._long_term.get(access_key_id)
            temporary = self._temporary.get(access_key_id)
        if long_term is not None:
            if security_token:
                raise CredentialError(CredentialProblem.TOKEN_UNEXPECTED)
            return long_term.principal
        if temporary is None:
            raise CredentialError(CredentialProblem.UNKNOWN_KEY)
        if not security_token:
            raise CredentialError(CredentialProblem.TOKEN_MISSING)
        if not secrets.compare_digest(security_token, temporary.security_token):
            raise CredentialError(CredentialProblem.TOKEN_MISMATCH)
        if now >= temporary.expiration:
            raise CredentialError(CredentialProblem.TOKEN_EXPIRED)
        return temporary.principal


def _credential_record(credential: TemporaryCredential) -> dict[str, str | None]:
    principal = credential.principal
    return {
        "accessKeyId": credential.access_key_id,
        "accessKeySecret": credential.secret,
        "securityToken": credential.security_token,
        "expiration": credential.expiration.isoformat(),
        "principalArn": principal.arn,
        "roleArn": principal.role_arn,
        "sessionName": principal.session_name,
        "sessionPolicy": principal.session_policy,
    }


def _credential_from_record(record: dict[str, str]) -> TemporaryCredential:
    principal = Principal(
        arn=record["principalArn"],
        role_arn=record.get("roleArn"),
        session_name=record.get("sessionName"),
        session_policy=record.get("sessionPolicy"),
    )
    return TemporaryCredential(
        access_key_id=record["accessKeyId"],
        secret=record["accessKeySecret"],
        security_token=record["securityToken"],
        expiration=datetime.fromisoformat(record["expiration"]),
        principal=principal,
    )
