"""Deterministic names of the cloud resources a stack makes, derived from the stack and app names.

RAM role and policy names allow at most 64 characters of `[A-Za-z0-9.-]`, so stack and app names are
restricted to lower-case letters, digits and hyphens, and the declaration checks the total length
(icekit.facts.names.RAM_NAME_MAX).
"""

from __future__ import annotations

__all__ = [
    "bucket_policy_name",
    "event_callback_resource_name",
    "role_arn",
    "role_name",
    "role_session_name",
    "upload_policy_name",
]


def role_name(stack: str, app: str) -> str:
    return f"icekit-{stack}-{app}"


def upload_policy_name(stack: str, app: str) -> str:
    return f"icekit-{stack}-{app}-upload"


def bucket_policy_name(stack: str, app: str) -> str:
    """The policy granting an own-bucket app oss:PutObject on its prefix (attached to the app's role)."""
    return f"icekit-{stack}-{app}-bucket"


def role_session_name(app: str) -> str:
    return f"icekit-{app}"


def event_callback_resource_name(stack: str) -> str:
    return f"{stack}-event-callback"


def role_arn(account_id: str, stack: str, app: str) -> str:
    return f"acs:ram::{account_id}:role/{role_name(stack, app)}"
