"""PostProcessConfig: run a workflow after the upload (ProcessType `Workflow`, ProcessID the workflow id).

Source: the SDK's CreateUploadMediaRequest comments ("Specifies the post-upload processing action when
Type = video or audio. ProcessType: set to Workflow."). The reference example's ProcessID is 32 hex
characters; icekit accepts any id of letters, digits, `-` and `_` (at most 64).
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from icekit.models.base import WireModel

__all__ = ["POST_PROCESS_FILE_TYPES", "PROCESS_ID_PATTERN", "PostProcessConfig", "require_post_processable"]

PROCESS_ID_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$"
POST_PROCESS_FILE_TYPES: tuple[str, ...] = ("video", "audio")


class PostProcessConfig(WireModel):
    WIRE_NAME: ClassVar[str] = "PostProcessConfig"

    ProcessType: Literal["Workflow"]
    ProcessID: Annotated[str, Field(pattern=PROCESS_ID_PATTERN, description="The workflow id.")]


def require_post_processable(file_type: str) -> None:
    """Raise ValueError in user words unless a PostProcessConfig means something for a `file_type` file."""
    if file_type not in POST_PROCESS_FILE_TYPES:
        raise ValueError(
            f"PostProcessConfig: applies only to video and audio files, not to FileInfo.Type {file_type!r}"
        )
