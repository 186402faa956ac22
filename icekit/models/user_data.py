"""UserData: a per-upload message callback and a free `Extend` object echoed back in callbacks.

Source: the reference example `{"MessageCallback":{"CallbackURL":"http://..."},"Extend":{...}}`; the 256-byte
limit of a callback URL comes from SetEventCallback's CallbackURL (ice-upload-facts.md); the whole wire string
is at most 1,024 UTF-8 bytes (icekit.facts.limits), static settings and per-upload Extend together.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from icekit.facts.callbacks import MAX_CALLBACK_URL_BYTES
from icekit.facts.inputs import MAX_EXTEND_DEPTH
from icekit.facts.limits import USER_DATA_MAX_BYTES, utf8_len
from icekit.json_input import nesting_depth
from icekit.models.base import WireModel, encode_wire
from icekit.models.urls import require_http_url

__all__ = ["MessageCallbackSettings", "UserData"]


def _bounded_extend(value: dict[str, Any] | None) -> dict[str, Any] | None:
    # A free object, but no deeper than icekit's bound: deeper ones cannot be written back to the wire.
    if value is not None and nesting_depth(value, MAX_EXTEND_DEPTH) > MAX_EXTEND_DEPTH:
        raise ValueError(f"nests objects and arrays deeper than {MAX_EXTEND_DEPTH} levels")
    return value


def _callback_url(value: str) -> str:
    return require_http_url(value, max_utf8_bytes=MAX_CALLBACK_URL_BYTES)


class MessageCallbackSettings(BaseModel):
    """UserData.MessageCallback (a class name apart from the field name, so annotations resolve)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    CallbackURL: Annotated[
        str,
        Field(description="http(s) URL, at most 256 bytes in UTF-8.", json_schema_extra={"format": "uri"}),
        AfterValidator(_callback_url),
    ]


class UserData(WireModel):
    WIRE_NAME: ClassVar[str] = "UserData"

    MessageCallback: MessageCallbackSettings | None = None
    Extend: Annotated[
        dict[str, Any] | None,
        Field(description="A free JSON object, echoed back in callbacks (at most 16 levels deep)."),
        AfterValidator(_bounded_extend),
    ] = None

    @model_validator(mode="after")
    def _wire_size(self) -> UserData:
        # measured on the wire string as sent, not on its parts
        size = utf8_len(encode_wire(self.model_dump(mode="json", exclude_none=True)))
        if size > USER_DATA_MAX_BYTES:
            raise ValueError(
                f"the UserData wire string is {size} bytes in UTF-8; "
                f"ICE allows at most {USER_DATA_MAX_BYTES} bytes"
            )
        return self
