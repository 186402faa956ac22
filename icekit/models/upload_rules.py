"""What an upload is checked against before a client asks ICE: a file rule per file type, and the media
defaults. One model each, shared by the stack declaration (`icekit:apps[i].fileTypes`, `.mediaDefaults`) and
the client configuration (`fileRules`, `mediaDefaults`), which hands them on.

Keys are the documents' camelCase names. The cross-field rules raise `field_rule_error`s that carry their
details (`misfits`, `limit`), so each document can phrase them in its own terms (icekit.models.problems for
client documents, icekit.stack.messages for stack files).
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from icekit.facts.file_types import (
    EXTENSION_PATTERN,
    MAX_MEDIA_SIZE_BYTES,
    SIZE_LIMITED_TYPES,
    FileType,
    normalise_extensions,
)
from icekit.facts.formats import extension_fits, supported_list
from icekit.facts.limits import TAG_MAX_BYTES, TAGS_MAX_COUNT
from icekit.models.business_types import BusinessType
from icekit.models.media_metadata import require_max_bytes
from icekit.models.problems import field_rule_error

__all__ = ["MAX_EXTENSION_LENGTH", "MAX_TAGS", "MAX_TAG_LENGTH", "STRICT", "FileRule", "MediaDefaults"]

STRICT = ConfigDict(extra="forbid", frozen=True, strict=True)

# MediaMetaData.Tags: at most 16 tags of at most 32 UTF-8 bytes (icekit.facts.limits); no comma, which
# separates them.
MAX_TAGS = TAGS_MAX_COUNT
MAX_TAG_LENGTH = TAG_MAX_BYTES
# icekit's own bound: no known extension is longer.
MAX_EXTENSION_LENGTH = 10

Extension = Annotated[str, Field(pattern=EXTENSION_PATTERN, max_length=MAX_EXTENSION_LENGTH)]


def _tag_bytes(value: str) -> str:
    return require_max_bytes(value, TAG_MAX_BYTES, f"tag {value!r}")


Tag = Annotated[
    str, Field(min_length=1, max_length=MAX_TAG_LENGTH, pattern=r"^[^,]+$"), AfterValidator(_tag_bytes)
]


class FileRule(BaseModel):
    """Which extensions a file of `type` may have, and how large it may be (no `maxSizeBytes`: no limit)."""

    model_config = STRICT

    type: FileType
    extensions: Annotated[list[Extension], Field(min_length=1)]
    maxSizeBytes: Annotated[int | None, Field(gt=0)] = None

    @field_validator("extensions")
    @classmethod
    def _normalised(cls, value: list[str]) -> list[str]:
        return normalise_extensions(value)

    @model_validator(mode="after")
    def _fits(self) -> Self:
        misfits = [ext for ext in self.extensions if not extension_fits(self.type, ext)]
        if misfits:
            raise field_rule_error(
                "extensions",
                f"{misfits[0]!r} is not an extension of {self.type} files "
                f"(allowed: {supported_list(self.type)}: the formats ICE supports)",
                misfits=misfits,
                file_type=self.type,
            )
        size = self.maxSizeBytes
        if self.type in SIZE_LIMITED_TYPES and size is not None and size > MAX_MEDIA_SIZE_BYTES:
            raise field_rule_error(
                "maxSizeBytes",
                f"{size} is more than {MAX_MEDIA_SIZE_BYTES} (5 GB)",
                size=size,
                limit=MAX_MEDIA_SIZE_BYTES,
            )
        return self


class MediaDefaults(BaseModel):
    """The MediaMetaData an upload gets unless the client says otherwise."""

    model_config = STRICT

    businessType: BusinessType = "general"
    tags: Annotated[list[Tag], Field(max_length=MAX_TAGS)] = Field(default_factory=list)
    cateId: Annotated[int | None, Field(ge=0)] = None
