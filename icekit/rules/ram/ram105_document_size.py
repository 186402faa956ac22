"""RAM105: the document fits RAM's 6,144-character limit."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.ram import POLICY_DOCUMENT_MAX_CHARS
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ram.common import POLICY_TYPES, permission_document_text
from icekit.rules.view import ResourceView

__all__ = ["DocumentSize"]


class DocumentSize(ResourceRule):
    id = "RAM105"
    slug = "document-size"
    title = f"Policy document is at most {POLICY_DOCUMENT_MAX_CHARS:,} characters"
    severity = "medium"
    enforcement = "mandatory"
    rationale = (
        f"RAM rejects a custom policy document longer than {POLICY_DOCUMENT_MAX_CHARS:,} characters at "
        "deploy time."
    )
    fix = "Split the grants into several policies attached to the same role, or merge statements."
    resource_types = POLICY_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        # Measured on the document exactly as it is sent (the JSON string), whitespace included.
        text = permission_document_text(view)
        if text is not None and len(text) > POLICY_DOCUMENT_MAX_CHARS:
            yield f"policy document is {len(text):,} characters; RAM allows {POLICY_DOCUMENT_MAX_CHARS:,}"
