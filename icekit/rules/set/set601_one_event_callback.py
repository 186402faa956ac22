"""SET601: at most one stack per account and region sets the region's ICE event callback."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations

from icekit.facts.type_tokens import is_event_callback
from icekit.rules.set.base import SetViolation, StackMember, StackSetRule, shares_account, where
from icekit.rules.view import ResourceView

__all__ = ["EVENT_CALLBACK_KEY", "OneEventCallback"]

EVENT_CALLBACK_KEY = "icekit:eventCallback"


def _event_callback(member: StackMember) -> ResourceView | None:
    return next((v for v in member.resources if is_event_callback(v.type, v.props)), None)


class OneEventCallback(StackSetRule):
    id = "SET601"
    slug = "one-event-callback"
    title = "One stack per account and region sets the ICE event callback"
    severity = "high"
    enforcement = "mandatory"
    rationale = (
        "ICE keeps one event-callback setting per account and region (SetEventCallback takes no name): two "
        "stacks that both set it overwrite each other, and one of them stops receiving its events."
    )
    fix = "Let one stack own `icekit:eventCallback` for the account and region; remove it from the others."

    @classmethod
    def check(cls, members: Sequence[StackMember]) -> Iterator[SetViolation]:
        setters = [(m, view) for m in members if (view := _event_callback(m)) is not None]
        for (first, first_view), (second, second_view) in combinations(setters, 2):
            if not shares_account(first, second):
                continue
            if first.region != second.region:
                continue
            scope = f"account {first.account_id} in {first.region}"
            for mine, view, other in ((first, first_view, second), (second, second_view, first)):
                yield SetViolation(
                    mine,
                    view,
                    EVENT_CALLBACK_KEY,
                    f"{where(other, EVENT_CALLBACK_KEY)} also sets the ICE event callback of {scope}; "
                    "ICE keeps one per account and region, so the two overwrite each other",
                )
