"""How RAM spells names: the service prefix of an action, the global condition keys icekit uses, and the
text of a condition value.

RAM action names compare case-insensitively (`ice:GetMediaInfo` == `ICE:getmediainfo`); condition keys too
(`acs:SourceIp` == `acs:sourceip`). See docs/ram-evaluation.md for the sources.
"""

from __future__ import annotations

__all__ = [
    "ASSUME_ROLE",
    "CURRENT_TIME",
    "SECURE_TRANSPORT",
    "SOURCE_IP",
    "action_service",
    "condition_text",
    "normal_action",
]

# The action a trust policy grants: the caller may assume the role.
ASSUME_ROLE = "sts:AssumeRole"

# Global condition keys (ice-upload-facts.md, RAM): the caller's address, HTTPS, the request time.
SOURCE_IP = "acs:SourceIp"
SECURE_TRANSPORT = "acs:SecureTransport"
CURRENT_TIME = "acs:CurrentTime"


def action_service(action: str) -> str:
    """`ice:CreateUploadMedia` -> `ice`; `*` -> `*` (lower-case: service codes compare case-insensitively)."""
    return action.split(":", 1)[0].lower() if ":" in action else action.lower()


def normal_action(action: str) -> str:
    """The action with its service prefix lower-cased, the name kept as written (`ICE:Get*` -> `ice:Get*`)."""
    service, sep, name = action.partition(":")
    return f"{service.lower()}{sep}{name}" if sep else action


def condition_text(value: object) -> str:
    """A condition value as the text RAM compares: JSON booleans are `true`/`false`, numbers as written."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
