"""CB405: a callback subscribes to an event ICE has announced it will stop sending."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from icekit.facts.events import RETIRING_EVENTS
from icekit.facts.type_tokens import CALLBACK_ENDPOINT
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.view import ResourceView

__all__ = ["RetiringEvent"]


class RetiringEvent(ResourceRule):
    id = "CB405"
    slug = "retiring-event"
    title = "Callbacks do not subscribe to events ICE is retiring"
    severity = "low"
    enforcement = "advisory"
    rationale = (
        "ICE's event list marks TranscodeComplete and TranscodeParentComplete to go offline on 2025-12-31: "
        "a callback waiting for them may never hear of a finished transcode."
    )
    fix = "Subscribe to the MediaConvert events instead (the finding names them)."
    resource_types = (CALLBACK_ENDPOINT,)

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        events = view.props.get("events")
        if isinstance(events, str) or not isinstance(events, Sequence):
            return
        for event in events:
            retirement = RETIRING_EVENTS.get(event) if isinstance(event, str) else None
            if retirement is None:
                continue
            instead = " or ".join(retirement.replacements)
            yield (
                f"{event} is announced to go offline on {retirement.offline_on.isoformat()}; "
                f"subscribe to {instead} instead ({retirement.basis})"
            )
