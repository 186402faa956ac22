"""FileInfo: the file to upload (Type, Name without extension, optional Size, Ext that fits the Type).

Source: the CreateUploadMedia reference and the SDK's CreateUploadMediaRequest comments
(alibabacloud-ice20201109).
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Self

from pydantic import Field, model_validator

from icekit.facts.file_types import (
    EXTENSION_PATTERN,
    MAX_MEDIA_SIZE_BYTES,
    SIZE_LIMITED_TYPES,
    FileType,
)
from icekit.facts.formats import extension_fits, known_extension, supported_list
from icekit.models.base import WireModel
from icekit.models.problems import field_rules_error

__all__ = ["FileInfo"]


class FileInfo(WireModel):
    WIRE_NAME: ClassVar[str] = "FileInfo"

    Type: FileType
    Name: Annotated[str, Field(min_length=1, description="The file name without its extension.")]
    Size: Annotated[int | None, Field(gt=0, description="The file size in bytes.")] = None
    Ext: Annotated[str, Field(min_length=1, description="The file name extension, without the dot.")]

    @model_validator(mode="after")
    def _check_rules(self) -> Self:
        # Collect every broken rule (in field order) so the user sees them all at once.
        broken: list[tuple[str, str]] = []
        stem, dot, suffix = self.Name.rpartition(".")
        if not self.Name.strip():
            broken.append(("Name", "must not be blank"))
        elif dot and stem and (suffix.lower() == self.Ext.lower() or known_extension(suffix)):
            broken.append(
                ("Name", f"{self.Name!r} must be given without its extension (put {suffix!r} in Ext)")
            )
        if self.Size is not None and self.Type in SIZE_LIMITED_TYPES and self.Size > MAX_MEDIA_SIZE_BYTES:
            broken.append(
                (
                    "Size",
                    f"{self.Size} bytes is more than the {MAX_MEDIA_SIZE_BYTES} bytes (5 GB) allowed for "
                    f"{_a(self.Type)} file",
                )
            )
        if self.Ext.startswith("."):
            broken.append(("Ext", f"{self.Ext!r} must be given without the leading dot"))
        elif not re.fullmatch(EXTENSION_PATTERN, self.Ext):
            broken.append(("Ext", f"{self.Ext!r} is not a file extension (letters and digits only)"))
        elif not extension_fits(self.Type, self.Ext):
            broken.append(
                (
                    "Ext",
                    f"{self.Ext!r} is not an extension of {_a(self.Type)} file "
                    f"(allowed: {supported_list(self.Type)}: the formats ICE supports)",
                )
            )
        if broken:
            raise field_rules_error(broken)
        return self


def _a(file_type: str) -> str:
    return f"an {file_type}" if file_type[0] in "aeiou" else f"a {file_type}"
