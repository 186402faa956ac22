"""The sandbox's STS: `AssumeRole`, as alibabacloud-sts20150401 calls it (RPC, version 2015-04-01).

The caller signs with a long-term AccessKey of a principal (or an STS session: role chaining); the Authorizer
decides `sts:AssumeRole` on the role (the caller's permission and the role's trust policy); the answer is a
temporary credential scoped to the role, with the optional `Policy` kept as the session policy.
Parameter rules as the SDK's request model states them
(alibabacloud_sts20150401/models/_assume_role_request.py):
RoleSessionName 2-64 characters of letters, digits, `. @ - _`; DurationSeconds 900 to the role's
MaxSessionDuration (default 3600); Policy 1-2048 characters.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from icekit.sandbox.authorizer import Authorizer
from icekit.sandbox.credentials import CredentialStore
from icekit.sandbox.openapi_app import OpenApiAction, OpenApiApplication, OpenApiCall, OpenApiService
from icekit.sandbox.openapi_common import OPENAPI_TIMESTAMP_FORMAT, VerifiedCall
from icekit.sandbox.openapi_wire import access_denied
from icekit.sandbox.principals import Principal, role_session_arn
from icekit.sandbox.refusal import Refusal

__all__ = ["STS_VERSION", "RoleSettings", "sts_application", "sts_service"]

STS_VERSION = "2015-04-01"
MIN_DURATION_SECONDS = 900
DEFAULT_DURATION_SECONDS = 3600
POLICY_MAX_CHARACTERS = 2048
_ROLE_ARN = re.compile(r"^acs:ram::[0-9]+:role/[A-Za-z0-9.@_-]+$")
_SESSION_NAME = re.compile(r"^[A-Za-z0-9.@_-]{2,64}$")


@dataclass(frozen=True)
class RoleSettings:
    """A role the sandbox knows (from the stack's plan): its ARN and MaxSessionDuration."""

    arn: str
    max_session_seconds: int = DEFAULT_DURATION_SECONDS

    @property
    def role_id(self) -> str:
        """A stable numeric ID, as RAM gives every role (it prefixes AssumedRoleUser.AssumedRoleId)."""
        return str(int(hashlib.sha256(self.arn.encode()).hexdigest(), 16))[:17]


def _invalid(name: str, message: str) -> Refusal:
    return Refusal(f"InvalidParameter.{name}", message)


class _AssumeRole:
    def __init__(self, roles: Mapping[str, RoleSettings], credentials: CredentialStore) -> None:
        self._roles = roles
        self._credentials = credentials

    def role(self, verified: VerifiedCall, principal: Principal) -> str:
        """The role ARN (the resource of sts:AssumeRole), once it names a role the sandbox knows."""
        if principal.is_root:
            raise Refusal("NoPermission", "Roles may not be assumed by root accounts.", 403)
        arn = verified.params.get("RoleArn", "")
        if not arn:
            raise Refusal("MissingRoleArn", 'The input parameter "RoleArn" is not supplied.')
        if not _ROLE_ARN.match(arn):
            raise _invalid(
                "RoleArn", "The parameter RoleArn is wrongly formed (acs:ram::<account>:role/<name>)."
            )
        if arn not in self._roles:
            raise Refusal("EntityNotExist.Role", f"The role not exists: {arn}.", 404)
        return arn

    def __call__(self, call: OpenApiCall) -> Mapping[str, Any]:
        role = self._roles[call.params["RoleArn"]]
        session_name = call.params.get("RoleSessionName", "")
        if not _SESSION_NAME.match(session_name):
            raise _invalid("RoleSessionName", "RoleSessionName must be 2-64 letters, digits or . @ - _.")
        lifetime = _duration(call.params.get("DurationSeconds"), role)
        policy = _session_policy(call.params.get("Policy"))
        session = Principal(role_session_arn(role.arn, session_name), role.arn, session_name, policy)
        issued = self._credentials.issue_temporary(session, lifetime, call.context.current_time)
        return {
            "Credentials": {
                "AccessKeyId": issued.access_key_id,
                "AccessKeySecret": issued.secret,
                "SecurityToken": issued.security_token,
                "Expiration": issued.expiration.strftime(OPENAPI_TIMESTAMP_FORMAT),
            },
            "AssumedRoleUser": {"Arn": session.arn, "AssumedRoleId": f"{role.role_id}:{session_name}"},
        }


def _duration(value: str | None, role: RoleSettings) -> timedelta:
    if value is None:
        seconds = min(DEFAULT_DURATION_SECONDS, role.max_session_seconds)
    elif value.isdigit() and MIN_DURATION_SECONDS <= int(value) <= role.max_session_seconds:
        seconds = int(value)
    else:
        raise _invalid(
            "DurationSeconds",
            f"DurationSeconds must be {MIN_DURATION_SECONDS} to {role.max_session_seconds} "
            "(the role's maximum)",
        )
    return timedelta(seconds=seconds)


def _session_policy(text: str | None) -> str | None:
    if text is None:
        return None
    if not 1 <= len(text) <= POLICY_MAX_CHARACTERS:
        raise _invalid("PolicyLength", f"Policy must be 1 to {POLICY_MAX_CHARACTERS} characters.")
    try:
        document = json.loads(text)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        raise _invalid("PolicyGrammar", "Policy is not a JSON policy document.")
    return text


def sts_service(roles: Mapping[str, RoleSettings], credentials: CredentialStore) -> OpenApiService:
    assume_role = _AssumeRole(roles, credentials)
    return OpenApiService(
        name="sts",
        version=STS_VERSION,
        actions={"AssumeRole": OpenApiAction(handler=assume_role, resource=assume_role.role)},
        denied=access_denied(
            "NoPermission", "You are not authorized to do this action. You should be authorized by RAM."
        ),
    )


def sts_application(
    roles: Mapping[str, RoleSettings], credentials: CredentialStore, authorizer: Authorizer, **options: Any
) -> OpenApiApplication:
    """The STS WSGI application; `options` are OpenApiApplication's (nonces, clock, overrides, on_record)."""
    return OpenApiApplication(sts_service(roles, credentials), credentials, authorizer, **options)
