"""ICE501: the stack's region is one where CreateUploadMedia exists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from icekit.facts.regions import SUPPORTED_REGIONS
from icekit.rules.base import StackRule, Violation
from icekit.rules.context import RuleContext
from icekit.rules.view import ResourceView

__all__ = ["SupportedRegion"]


class SupportedRegion(StackRule):
    id = "ICE501"
    slug = "supported-region"
    title = "Stack region offers ICE CreateUploadMedia"
    severity = "high"
    enforcement = "mandatory"
    rationale = "CreateUploadMedia exists only in cn-shanghai, cn-beijing and cn-shenzhen (API reference)."
    fix = "Set `alicloud:region` to cn-shanghai, cn-beijing or cn-shenzhen."
    stack_key = "alicloud:region"

    @classmethod
    def check(cls, views: Sequence[ResourceView], ctx: RuleContext) -> Iterator[Violation]:
        if ctx.region not in SUPPORTED_REGIONS:
            shown = repr(ctx.region) if ctx.region else "not set"
            yield Violation(None, f"stack region {shown} is not one of {', '.join(SUPPORTED_REGIONS)}")
