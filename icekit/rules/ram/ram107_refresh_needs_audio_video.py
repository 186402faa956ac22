"""RAM107: RefreshUploadMedia only for apps that upload audio or video, the only files it renews."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from icekit.facts.type_tokens import UPLOAD_PROFILE
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ice.common import AUDIO_VIDEO, file_types
from icekit.rules.view import ResourceView

__all__ = ["RefreshNeedsAudioVideo"]

REFRESH = "RefreshUploadMedia"


class RefreshNeedsAudioVideo(ResourceRule):
    id = "RAM107"
    slug = "refresh-needs-audio-video"
    title = "RefreshUploadMedia only on apps that upload audio or video"
    severity = "low"
    enforcement = "advisory"
    rationale = (
        "RefreshUploadMedia renews upload credentials of audio and video only; images and auxiliary files "
        "need a new CreateUploadMedia. Granting it elsewhere is a permission nothing can use."
    )
    fix = "Remove RefreshUploadMedia from the app's `actions`, or add an audio or video file type."
    resource_types = (UPLOAD_PROFILE,)

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        actions = view.props.get("actions")
        if isinstance(actions, str) or not isinstance(actions, Sequence) or REFRESH not in actions:
            return
        types = file_types(view)
        if types and not types & AUDIO_VIDEO:
            yield (
                f"actions grant {REFRESH}, which renews audio and video credentials only, to an app that "
                f"uploads only {', '.join(sorted(types))}"
            )
