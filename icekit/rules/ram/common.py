"""Shared reading of a permission policy for the RAM1xx rules."""

from __future__ import annotations

from icekit.facts.type_tokens import RAM_POLICY
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["POLICY_TYPES", "permission_document_text"]

POLICY_TYPES: tuple[str, ...] = (RAM_POLICY,)


def permission_document_text(view: ResourceView) -> str | None:
    """The document's text, or None when absent, secret or unknown."""
    # `policyDocument` in pulumi-alicloud 4.x; `document` is its deprecated predecessor.
    return prop_str(view.props, "policyDocument", "document")
