"""ICE505: an app with PostProcessConfig uploads only video or audio (advisory)."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.facts.type_tokens import UPLOAD_PROFILE
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ice.common import AUDIO_VIDEO, file_types, post_process
from icekit.rules.view import ResourceView

__all__ = ["PostProcessMixed"]


class PostProcessMixed(ResourceRule):
    id = "ICE505"
    slug = "post-process-mixed"
    title = "Apps with PostProcessConfig upload only video or audio"
    severity = "low"
    enforcement = "advisory"
    rationale = (
        "The client sends the app's PostProcessConfig with every upload, so image, text or other uploads of "
        "the same app carry a workflow ICE does not run for them."
    )
    fix = "Split the non-media file types into a second app without `workflow`."
    resource_types = (UPLOAD_PROFILE,)

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        if post_process(view) is None:
            return
        types = file_types(view)
        others = sorted(types - AUDIO_VIDEO)
        if types & AUDIO_VIDEO and others:
            yield f"PostProcessConfig also travels with {', '.join(others)} uploads"
