"""CB401: callbacks use HTTPS; plain HTTP only where declared (`allowInsecureHttp`) and never in prod."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from icekit.rules.base import StackRule, Violation
from icekit.rules.cb.common import CALLBACK_TYPES, callback_facts
from icekit.rules.context import RuleContext
from icekit.rules.view import ResourceView

__all__ = ["CallbackHttps"]


class CallbackHttps(StackRule):
    """A stack rule: the event callback inherits `allowInsecureHttp` from the endpoint it points at."""

    id = "CB401"
    slug = "callback-https"
    title = "Callbacks use HTTPS (HTTP only where declared, never in prod)"
    severity = "high"
    enforcement = "mandatory"
    rationale = (
        "ICE posts upload events, including media URLs and the signature header, to the callback; over plain "
        "HTTP anyone on the path can read or forge them."
    )
    fix = "Use an https:// URL. For a local test receiver, set `allowInsecureHttp: true` (dev/staging only)."
    resource_types = CALLBACK_TYPES

    @classmethod
    def check(cls, views: Sequence[ResourceView], ctx: RuleContext) -> Iterator[Violation]:
        facts = [(view, callback_facts(view)) for view in views if cls.applies_to(view.type)]
        declared_insecure = {
            f.url for _, f in facts if f is not None and not f.is_event_callback and f.allow_insecure_http
        }
        for view, f in facts:
            if f is None or f.kind != "http" or f.url is None or not f.url.lower().startswith("http://"):
                continue
            allowed = f.allow_insecure_http or (f.is_event_callback and f.url in declared_insecure)
            if ctx.is_prod:
                yield Violation(view, f"{f.noun} {f.url!r} uses plain HTTP in prod")
            elif not allowed:
                yield Violation(view, f"{f.noun} {f.url!r} uses plain HTTP without `allowInsecureHttp: true`")
