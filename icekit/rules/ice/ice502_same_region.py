"""ICE502: storage, callback queue and event callback are in the stack's region."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.facts.type_tokens import (
    CALLBACK_ENDPOINT,
    DYNAMIC,
    STORAGE_LOCATION,
    UPLOAD_PROFILE,
    is_event_callback,
)
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ice.common import location_region
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["SameRegion"]


class SameRegion(ResourceRule):
    id = "ICE502"
    slug = "same-region"
    title = "Storage and callbacks are in the stack's region"
    severity = "high"
    enforcement = "mandatory"
    rationale = (
        "ICE uploads only to VOD storage of the region it is called in, and writes events only to MNS queues "
        "of that region; a mismatch fails every upload or loses every event."
    )
    fix = "Use the `outin-...oss-<stack region>.aliyuncs.com` location and a queue in the stack's region."
    resource_types = (STORAGE_LOCATION, CALLBACK_ENDPOINT, UPLOAD_PROFILE, DYNAMIC)

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        if not ctx.region:
            return
        if view.type == DYNAMIC and not is_event_callback(view.type, view.props):
            return
        if view.type == CALLBACK_ENDPOINT and (prop_str(view.props, "kind") or "").lower() != "mns":
            return  # an HTTP endpoint can live anywhere
        region = prop_str(view.props, "region")
        if region is not None and region != ctx.region:
            yield f"region {region!r} differs from the stack's region {ctx.region!r}"
        if view.type == STORAGE_LOCATION:
            located = location_region(view)
            if located is not None and located != ctx.region:
                yield (
                    f"storage location {prop_str(view.props, 'storageLocation')!r} is in {located!r}, "
                    f"not the stack's region {ctx.region!r}"
                )
