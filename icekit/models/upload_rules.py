"""What an upload is checked against before a client asks ICE: a file rule per file type, and the media
defaults. One model each, shared by the stack declaration (`icekit:apps[i].fileTypes`, `.mediaDefaults`) and
the client configuration (`fileRules`, `mediaDefaults`), which hands them on.

Keys are the documents' camelCase names. The cross-field rules raise `field_rule_error`s that carry their
details (`misfits`, `limit`), so each document can phrase them in its own terms (icekit.models.problems for
client documents, icekit.stack.messages for stack files).
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from icekit.facts.file_types import (
    EXTENSION_PATTERN,
    EXTENSIONS_BY_TYPE,
    MAX_MEDIA_SIZE_BYTES,
    SIZE_LIMITED_TYPES,
    FileType,
    extension_fits,
    normalise_extensions,
)
from icekit.models.business_types import BusinessType
from icekit.models.problems import field_rule_error

__all__ = ["MAX_EXTENSION_LENGTH", "MAX_TAGS", "MAX_TAG_LENGTH", "STRICT", "FileRule", "MediaDefaults"]

STRICT = ConfigDict(extra="forbid", frozen=True, strict=True)

# MediaMetaData.Tags: at most 16 tags of at most 32 (ice-upload-facts.md); no comma, which separates them.
MAX_TAGS = 16
MAX_TAG_LENGTH = 32
# icekit's own bound: no known extension is longer.
MAX_EXTENSION_LENGTH = 10

Extension = Annotated[str, Field(pattern=EXTENSION_PATTERN, max_length=MAX_EXTENSION_LENGTH)]
Tag = Annotated[str, Field(min_length=1, max_length=MAX_TAG_LENGTH, pattern=r"^[^,]+$")]


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
            allowed = ", ".join(EXTENSIONS_BY_TYPE[self.type])
            raise field_rule_error(
                "extensions",
                f"{misfits[0]!r} is not an extension of {self.type} files (allowed: {allowed})",
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
