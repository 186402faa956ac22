"""MediaMetaData: the media asset's title, description, tags, category, cover and business type.

Source: the SDK's CreateUploadMediaRequest comments (Title and BusinessType required) and the reference
example, which gives Tags as a comma-separated string. The limits are UTF-8 bytes (icekit.facts.limits, with
their sources): the SDK says "characters" for Title and Description, ICE's media-library reference says bytes,
and bytes never let through what ICE refuses.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, Field, field_serializer, field_validator

from icekit.facts.limits import (
    COVER_URL_MAX_BYTES,
    DESCRIPTION_MAX_BYTES,
    TAG_MAX_BYTES,
    TAGS_MAX_COUNT,
    TITLE_MAX_BYTES,
    utf8_len,
)
from icekit.models.base import WireModel
from icekit.models.business_types import BusinessType
from icekit.models.urls import require_http_url

__all__ = ["MediaMetaData", "parse_tags", "require_max_bytes"]


def require_max_bytes(value: str, limit: int, what: str = "") -> str:
    """`value` unless its UTF-8 form is longer than `limit` bytes (ValueError saying "bytes")."""
    size = utf8_len(value)
    if size > limit:
        subject = f"{what} " if what else ""
        raise ValueError(f"{subject}is {size} bytes in UTF-8; ICE allows at most {limit} bytes")
    return value


def parse_tags(value: Any) -> tuple[str, ...]:
    """Tags as the API's comma-separated string or as a list; each tag non-empty, without commas."""
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise ValueError("must be a comma-separated string or an array of strings")
    tags: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise ValueError(f"tag #{index + 1} must be a string")
        tag = item.strip()
        if not tag:
            raise ValueError(f"tag #{index + 1} is empty")
        if "," in tag:
            raise ValueError(f"tag {tag!r} contains a comma, which separates tags on the wire")
        require_max_bytes(tag, TAG_MAX_BYTES, f"tag {tag!r}")
        tags.append(tag)
    if not tags:
        raise ValueError("must name at least one tag (leave Tags out instead)")
    if len(tags) > TAGS_MAX_COUNT:
        raise ValueError(f"names {len(tags)} tags; ICE allows at most {TAGS_MAX_COUNT}")
    return tuple(tags)


def _cover_url(value: str) -> str:
    return require_http_url(value, max_utf8_bytes=COVER_URL_MAX_BYTES)


class MediaMetaData(WireModel):
    WIRE_NAME: ClassVar[str] = "MediaMetaData"

    Title: Annotated[
        str,
        # JSON Schema cannot count bytes: maxLength (characters) is the bound it can state, never looser.
        Field(
            min_length=1,
            description=f"At most {TITLE_MAX_BYTES} bytes in UTF-8.",
            json_schema_extra={"maxLength": TITLE_MAX_BYTES},
        ),
        AfterValidator(lambda v: require_max_bytes(v, TITLE_MAX_BYTES)),
    ]
    Description: Annotated[
        str | None,
        Field(
            description=f"At most {DESCRIPTION_MAX_BYTES} bytes in UTF-8.",
            json_schema_extra={"maxLength": DESCRIPTION_MAX_BYTES},
        ),
        AfterValidator(lambda v: v if v is None else require_max_bytes(v, DESCRIPTION_MAX_BYTES)),
    ] = None
    Tags: Annotated[
        tuple[str, ...] | None,
        Field(description="Comma-separated on the wire; a list is accepted and encoded comma-separated."),
    ] = None
    CateId: int | None = None
    CoverURL: Annotated[
        str | None,
        Field(description=f"http(s) URL, at most {COVER_URL_MAX_BYTES} bytes in UTF-8."),
        AfterValidator(lambda v: v if v is None else _cover_url(v)),
    ] = None
    DynamicMetaData: str | None = None
    BusinessType: BusinessType

    @field_validator("Tags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> Any:
        return value if value is None else parse_tags(value)

    @field_serializer("Tags")
    def _tags_on_wire(self, tags: tuple[str, ...] | None) -> str | None:
        return None if tags is None else ",".join(tags)
