"""MediaMetaData: the media asset's title, description, tags, category, cover and business type.

Source: the SDK's CreateUploadMediaRequest comments (Title required, <= 128 characters; Description <= 1024;
BusinessType required) and the reference example, which gives Tags as a comma-separated string.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, Field, field_serializer, field_validator

from icekit.models.base import WireModel
from icekit.models.business_types import BusinessType
from icekit.models.urls import require_http_url

__all__ = ["MediaMetaData", "parse_tags"]


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
        tags.append(tag)
    if not tags:
        raise ValueError("must name at least one tag (leave Tags out instead)")
    return tuple(tags)


def _http_url(value: str) -> str:
    return require_http_url(value)


class MediaMetaData(WireModel):
    WIRE_NAME: ClassVar[str] = "MediaMetaData"

    Title: Annotated[str, Field(min_length=1, max_length=128)]
    Description: Annotated[str | None, Field(max_length=1024)] = None
    Tags: Annotated[
        tuple[str, ...] | None,
        Field(description="Comma-separated on the wire; a list is accepted and encoded comma-separated."),
    ] = None
    CateId: int | None = None
    CoverURL: Annotated[str | None, AfterValidator(lambda v: v if v is None else _http_url(v))] = None
    DynamicMetaData: str | None = None
    BusinessType: BusinessType

    @field_validator("Tags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> Any:
        return value if value is None else parse_tags(value)

    @field_serializer("Tags")
    def _tags_on_wire(self, tags: tuple[str, ...] | None) -> str | None:
        return None if tags is None else ",".join(tags)
