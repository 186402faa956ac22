"""CB402: HTTP callbacks are signed (auth key on)."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.rules.base import ResourceRule
from icekit.rules.cb.common import CALLBACK_TYPES, callback_facts
from icekit.rules.context import RuleContext
from icekit.rules.view import ResourceView

__all__ = ["CallbackAuth"]


class CallbackAuth(ResourceRule):
    id = "CB402"
    slug = "callback-auth"
    title = "HTTP callbacks are authenticated (auth key set)"
    severity = "high"
    enforcement = "mandatory"
    rationale = (
        "With AuthSwitch on, ICE signs each callback (X-ICE-SIGNATURE = MD5 of URL|timestamp|key), so the "
        "receiver can reject forged or replayed upload events."
    )
    fix = "Set the callback's `authKey` (a `secure:` value, <= 32 chars, upper, lower case and digits)."
    resource_types = CALLBACK_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        facts = callback_facts(view)
        if facts is None or facts.kind != "http":
            return
        if facts.auth_enabled is False:
            yield f"{facts.noun} {facts.url!r} is not authenticated (auth key off)"
