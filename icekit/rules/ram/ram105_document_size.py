"""RAM105: the document fits RAM's 6,144-character limit."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.policydoc import MAX_POLICY_CHARS
from icekit.rules.ram.common import POLICY_TYPES
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["DocumentSize"]


class DocumentSize(ResourceRule):
    id = "RAM105"
    slug = "document-size"
    title = f"Policy document is at most {MAX_POLICY_CHARS:,} characters"
    severity = "medium"
    enforcement = "mandatory"
    rationale = (
        f"RAM rejects a custom policy document longer than {MAX_POLICY_CHARS:,} characters at deploy time."
    )
    fix = "Split the grants into several policies attached to the same role, or merge statements."
    resource_types = POLICY_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        # Measured on the document exactly as it is sent (the JSON string), whitespace included.
        text = prop_str(view.props, "policyDocument", "document")
        if text is not None and len(text) > MAX_POLICY_CHARS:
            yield f"policy document is {len(text):,} characters; RAM allows {MAX_POLICY_CHARS:,}"
