"""The documents ICE posts to an event callback: the common envelope and FileUploadComplete's body.

Source (verified): ICE "Event list" (事件列表), https://help.aliyun.com/document_detail/444780.htm,
and its earlier version https://help.aliyun.com/document_detail/444778.htm, which marks the required fields:
- every event: `EventType` (String), `UserId` (Long), `EventTime` (String, UTC
  `yyyy-MM-ddTHH:mm:ssZ`), `MessageBody` (Object);
- FileUploadComplete's MessageBody: `Status` (Success | Fail), `FileUrl`, `MediaId`, `AppId`,
  `Size` (a String, bytes), `MediaType` (audio | video), all required; `UserData` (String) optional.
Fields ICE may add later are kept (`extra="allow"`): a new field never makes a genuine callback
"not an event". An event icekit has no model for is parsed as the common envelope, its MessageBody an object.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

__all__ = [
    "FILE_UPLOAD_COMPLETE",
    "CallbackEvent",
    "FileUploadComplete",
    "FileUploadCompleteBody",
    "IceEvent",
    "NotAnEventError",
    "parse_event",
]

FILE_UPLOAD_COMPLETE = "FileUploadComplete"


class NotAnEventError(ValueError):
    """The document is JSON but not an ICE event: what is missing or wrong, without echoing values."""


def _size_text(value: Any) -> Any:
    # ICE documents Size as a String ("5510872"); a bare JSON number is read as the same size.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


class _IceDocument(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class CallbackEvent(_IceDocument):
    """The envelope every ICE event shares."""

    EventType: Annotated[str, Field(min_length=1)]
    UserId: int
    EventTime: datetime.datetime
    MessageBody: dict[str, Any]


class FileUploadCompleteBody(_IceDocument):
    """FileUploadComplete's MessageBody: the upload of an audio or video file finished (or failed)."""

    Status: Literal["Success", "Fail"]
    FileUrl: str
    MediaId: Annotated[str, Field(min_length=1)]
    AppId: str
    Size: Annotated[str, BeforeValidator(_size_text), Field(pattern=r"^[0-9]+$")]
    MediaType: Literal["audio", "video"]
    UserData: str | None = None

    @property
    def size_bytes(self) -> int:
        return int(self.Size)


class FileUploadComplete(CallbackEvent):
    """An audio or video upload finished: the one event with a typed MessageBody."""

    EventType: Literal["FileUploadComplete"]
    MessageBody: FileUploadCompleteBody  # type: ignore[assignment]  # narrows the envelope's object


IceEvent = FileUploadComplete | CallbackEvent


_JSON_KIND = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true or false"}


def _first_problem(error: ValidationError) -> str:
    first = error.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(part) for part in first["loc"]) or "the document"
    return f"{where}: {first['msg']}"


def parse_event(document: Any) -> IceEvent:
    """The typed event in a decoded callback body; raises NotAnEventError saying what does not fit."""
    if not isinstance(document, dict):
        kind = "null" if document is None else _JSON_KIND.get(type(document), type(document).__name__)
        raise NotAnEventError(f"the body is {kind}, not a JSON object")
    model = FileUploadComplete if document.get("EventType") == FILE_UPLOAD_COMPLETE else CallbackEvent
    try:
        return model.model_validate(document)
    except ValidationError as error:
        raise NotAnEventError(_first_problem(error)) from None
