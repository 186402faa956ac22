"""Shared reading of a role's trust policy for the STS2xx rules."""

from __future__ import annotations

from icekit.facts.type_tokens import RAM_ROLE
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["ROLE_TYPES", "trust_document_text"]

ROLE_TYPES: tuple[str, ...] = (RAM_ROLE,)


def trust_document_text(view: ResourceView) -> str | None:
    """The trust policy's text, or None when absent, secret or unknown."""
    # `assumeRolePolicyDocument` in pulumi-alicloud 4.x; `document` is its deprecated predecessor.
    return prop_str(view.props, "assumeRolePolicyDocument", "document")
