"""Shared reading of a permission policy for the RAM1xx rules."""

from __future__ import annotations

from icekit.facts.type_tokens import RAM_POLICY
from icekit.rules.policydoc import PolicyDocument, parsed_or_none
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["POLICY_TYPES", "action_service", "permission_document", "permission_document_text"]

POLICY_TYPES: tuple[str, ...] = (RAM_POLICY,)


def permission_document_text(view: ResourceView) -> str | None:
    """The document's text, or None when absent, secret or unknown."""
    # `policyDocument` in pulumi-alicloud 4.x; `document` is its deprecated predecessor.
    return prop_str(view.props, "policyDocument", "document")


def permission_document(view: ResourceView) -> PolicyDocument | None:
    """The parsed document, or None when absent, secret, unknown or malformed (RAM100 reports malformed)."""
    return parsed_or_none(permission_document_text(view))


def action_service(action: str) -> str:
    """`ice:CreateUploadMedia` -> `ice`; `*` -> `*`."""
    return action.split(":", 1)[0].lower() if ":" in action else action.lower()
