"""RAM100: the policy document is a well-formed RAM policy."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.ram import PolicyDocumentError, parse_document
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ram.common import POLICY_TYPES, permission_document_text
from icekit.rules.view import ResourceView

__all__ = ["ValidDocument"]


class ValidDocument(ResourceRule):
    id = "RAM100"
    slug = "valid-document"
    title = "Policy document is a well-formed RAM policy"
    severity = "high"
    enforcement = "mandatory"
    rationale = "RAM rejects a malformed document at deploy time, and no other rule can judge it."
    fix = 'Write `Version: "1"` and a `Statement` list whose items have Effect, Action and Resource.'
    resource_types = POLICY_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        text = permission_document_text(view)
        if text is None or ctx.document(text) is not None:
            return  # none, or one the other rules read (parsed once): well-formed
        try:
            parse_document(text)
        except PolicyDocumentError as exc:
            yield f"policy document is not a RAM policy: {exc}"
