"""Who is calling: the principal behind an AccessKey, as the Authorizer and the RAM evaluator see it.

ARN forms (Alibaba RAM): `acs:ram::<account>:root`, `acs:ram::<account>:user/<name>`,
`acs:ram::<account>:role/<name>`; an STS session of a role is `acs:ram::<account>:role/<name>/<session>`, the
`AssumedRoleUser.Arn` that STS AssumeRole returns (the AssumeRole reference page's sample response).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Principal", "account_of", "role_session_arn"]

_RAM_ARN = re.compile(r"^acs:ram::(?P<account>[0-9*]+):(?P<rest>root|(user|role)/.+)$")


def account_of(arn: str) -> str:
    """The account ID of a RAM ARN; ValueError for anything else."""
    match = _RAM_ARN.match(arn)
    if match is None:
        raise ValueError(f"{arn!r} is not a RAM ARN (acs:ram::<account>:root|user/<name>|role/<name>)")
    return match["account"]


def role_session_arn(role_arn: str, session_name: str) -> str:
    return f"{role_arn}/{session_name}"


@dataclass(frozen=True)
class Principal:
    """A caller. For an STS session, `role_arn` is the role assumed and `session_policy` the `Policy` given to
    AssumeRole (it narrows the role's permissions); both are None for a long-term AccessKey's owner."""

    arn: str
    role_arn: str | None = None
    session_name: str | None = None
    session_policy: str | None = None

    @property
    def account_id(self) -> str:
        return account_of(self.arn)

    @property
    def is_root(self) -> bool:
        return self.arn.endswith(":root")
