"""ICE503: PostProcessConfig only on apps that upload video or audio."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.facts.type_tokens import UPLOAD_PROFILE
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ice.common import AUDIO_VIDEO, file_types, post_process
from icekit.rules.view import ResourceView

__all__ = ["PostProcessMedia"]


class PostProcessMedia(ResourceRule):
    id = "ICE503"
    slug = "post-process-media"
    title = "PostProcessConfig only on video or audio apps"
    severity = "medium"
    enforcement = "mandatory"
    rationale = (
        "ICE runs the PostProcessConfig workflow for video or audio only; elsewhere it is a dead setting."
    )
    fix = "Remove `workflow` from the app, or add a video/audio file type to it."
    resource_types = (UPLOAD_PROFILE,)

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        if post_process(view) is None:
            return
        types = file_types(view)
        if types and not types & AUDIO_VIDEO:
            yield f"PostProcessConfig set on an app that uploads only {', '.join(sorted(types))}"
