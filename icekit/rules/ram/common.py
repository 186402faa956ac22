"""Shared reading of a permission policy for the RAM1xx rules."""

from __future__ import annotations

from icekit.rules.policydoc import PolicyDocument, PolicyDocumentError, parse_document
from icekit.rules.types import RAM_POLICY
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["POLICY_TYPES", "action_service", "permission_document"]

POLICY_TYPES: tuple[str, ...] = (RAM_POLICY,)


def permission_document(view: ResourceView) -> PolicyDocument | None:
    """The parsed document, or None when absent, secret, unknown or malformed (RAM100 reports malformed)."""
    # `policyDocument` in pulumi-alicloud 4.x; `document` is its deprecated predecessor.
    text = prop_str(view.props, "policyDocument", "document")
    if text is None:
        return None
    try:
        return parse_document(text)
    except PolicyDocumentError:
        return None


def action_service(action: str) -> str:
    """`ice:CreateUploadMedia` -> `ice`; `*` -> `*`."""
    return action.split(":", 1)[0].lower() if ":" in action else action.lower()
