"""RAM policy documents built from typed statements, never from string templates.

Serialization is deterministic: statement fields in a fixed key order (sorted), action and resource lists
sorted and de-duplicated, compact separators, so the same declaration always yields the same bytes.
RAM limits a custom policy document to 6,144 characters (ice-upload-facts.md); `to_json` enforces it.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from icekit.stack.model import Conditions

__all__ = [
    "ICE_ACTION_PREFIX",
    "POLICY_DOCUMENT_MAX_CHARS",
    "DocumentTooLargeError",
    "PolicyDocument",
    "Statement",
    "TrustStatement",
    "conditions_block",
]

POLICY_DOCUMENT_MAX_CHARS = 6144
ICE_ACTION_PREFIX = "ice:"

# condition operator -> condition key -> values
ConditionBlock = dict[str, dict[str, list[str]]]


class DocumentTooLargeError(ValueError):
    """A serialized document exceeds RAM's 6,144-character limit."""


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Statement(_Doc):
    """One permission statement: Allow/Deny of actions on resources, optionally conditioned."""

    effect: Literal["Allow", "Deny"] = "Allow"
    actions: list[str] = Field(min_length=1)
    resources: list[str] = Field(min_length=1)
    condition: ConditionBlock = Field(default_factory=dict)

    @field_validator("actions", "resources")
    @classmethod
    def _sorted_unique(cls, value: list[str]) -> list[str]:
        return sorted(set(value))

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"Action": self.actions, "Effect": self.effect, "Resource": self.resources}
        if self.condition:
            data["Condition"] = {
                op: {k: sorted(v) for k, v in keys.items()} for op, keys in self.condition.items()
            }
        return data


class TrustStatement(_Doc):
    """Who may assume a role: `sts:AssumeRole` for the listed RAM principals (account or role ARNs)."""

    principals: list[str] = Field(min_length=1)

    @field_validator("principals")
    @classmethod
    def _sorted_unique(cls, value: list[str]) -> list[str]:
        return sorted(set(value))

    def to_data(self) -> dict[str, Any]:
        return {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"RAM": self.principals}}


class PolicyDocument(_Doc):
    """A RAM policy (permission or trust) document, `Version: "1"`."""

    statements: list[Statement | TrustStatement] = Field(min_length=1)

    def to_data(self) -> dict[str, Any]:
        return {"Statement": [s.to_data() for s in self.statements], "Version": "1"}

    def to_json(self) -> str:
        text = json.dumps(self.to_data(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        if len(text) > POLICY_DOCUMENT_MAX_CHARS:
            raise DocumentTooLargeError(
                f"policy document is {len(text)} characters; RAM allows at most {POLICY_DOCUMENT_MAX_CHARS}"
            )
        return text


def conditions_block(conditions: Conditions) -> ConditionBlock:
    """The declared conditions as a RAM Condition block (empty when none are declared)."""
    block: ConditionBlock = {}
    if conditions.source_ip:
        block["IpAddress"] = {"acs:SourceIp": list(conditions.source_ip)}
    if conditions.secure_transport is not None:
        block["Bool"] = {"acs:SecureTransport": ["true" if conditions.secure_transport else "false"]}
    return block
