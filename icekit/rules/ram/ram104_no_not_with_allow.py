"""RAM104: no `NotAction` or `NotResource` in an Allow statement. A NotAction's message says what it
grants, matched as the evaluator matches it (icekit.access.breadth)."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.access.breadth import action_reach
from icekit.ram import allow_statements
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ram.common import POLICY_TYPES, permission_document_text
from icekit.rules.view import ResourceView

__all__ = ["NoNotWithAllow"]


class NoNotWithAllow(ResourceRule):
    id = "RAM104"
    slug = "no-not-with-allow"
    title = "Allow statements name what they allow (no NotAction / NotResource)"
    severity = "critical"
    enforcement = "mandatory"
    rationale = "Allow with NotAction or NotResource grants everything except a list, across every service."
    fix = "Replace NotAction/NotResource with explicit Action/Resource lists; keep Not* for Deny statements."
    resource_types = POLICY_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        for index, statement in allow_statements(ctx.document(permission_document_text(view))):
            if statement.not_actions:
                yield f"Statement[{index}] is an Allow with NotAction: it grants {action_reach(statement)}"
            if statement.not_resources:
                yield f"Statement[{index}] is an Allow with NotResource"
