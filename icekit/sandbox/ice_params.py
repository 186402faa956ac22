"""ICE parameters checked with icekit's own models, and refused the way ICE refuses them.

A bad parameter is HTTP 400 with Alibaba's common code `InvalidParameter` and a message naming the parameter
and the broken rule (`FileInfo.Ext: 'exe' is not an extension of a video file ...`); every problem the model
finds is listed, `; `-separated. An unknown media is HTTP 404 `InvalidMediaId.NotFound`, an InputURL without
an object or a media `InvalidInputURL.NotFound` (inferred: VOD's `Invalid<Thing>.NotFound` pattern; ICE's
error-code page names no codes for these). Byte limits (Title, Description, Tags, CoverURL, UserData) come
from icekit.facts.limits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from icekit.facts.limits import (
    COVER_URL_MAX_BYTES,
    DESCRIPTION_MAX_BYTES,
    TAG_MAX_BYTES,
    TAGS_MAX_COUNT,
    TITLE_MAX_BYTES,
    USER_DATA_MAX_BYTES,
    utf8_len,
)
from icekit.models import (
    DEFAULT_APP_ID,
    InvalidDocumentError,
    UserData,
    WireModel,
    validate_app_id,
    validate_entity_id,
)
from icekit.sandbox.media_library import MediaLibrary, MediaRecord
from icekit.sandbox.principals import Principal
from icekit.sandbox.refusal import Refusal

__all__ = [
    "app_id_of",
    "check_media_texts",
    "entity_id_of",
    "invalid_parameter",
    "media_of",
    "snippet",
    "user_data_of",
    "with_rule",
]

Model = TypeVar("Model", bound=WireModel)


def invalid_parameter(message: str) -> Refusal:
    return Refusal("InvalidParameter", message, 400)


def snippet(model: type[Model], params: Mapping[str, str], *, required: bool = False) -> Model | None:
    """The JSON-string parameter named after `model` (FileInfo, MediaMetaData, ...), validated, or None."""
    wire = params.get(model.WIRE_NAME)
    if not wire:
        if required:
            raise invalid_parameter(f"{model.WIRE_NAME} is required.")
        return None
    try:
        return model.from_wire(wire)
    except InvalidDocumentError as error:
        raise invalid_parameter("; ".join(str(problem) for problem in error.problems)) from None


def with_rule(rule: Callable[..., object], *args: str) -> None:
    """Run one of icekit.models' cross-field rules (raising ValueError in user words) as a parameter check."""
    try:
        rule(*args)
    except ValueError as error:
        raise invalid_parameter(str(error)) from None


def app_id_of(params: Mapping[str, str]) -> str:
    value = params.get("AppId") or DEFAULT_APP_ID
    with_rule(validate_app_id, value)
    return value


def entity_id_of(params: Mapping[str, str]) -> str | None:
    value = params.get("EntityId") or None
    if value is not None:
        with_rule(validate_entity_id, value)
    return value


def _within(name: str, value: str | None, limit: int) -> None:
    if value is not None and utf8_len(value) > limit:
        raise invalid_parameter(f"{name} is {utf8_len(value)} bytes in UTF-8; at most {limit} allowed.")


def check_media_texts(
    title: str, description: str | None, tags: Sequence[str], cover_url: str | None, *, prefix: str = ""
) -> None:
    """ICE's byte limits on a media's texts (MediaBasicInfo, docs/ice-facts.md section 3)."""
    _within(f"{prefix}Title", title, TITLE_MAX_BYTES)
    _within(f"{prefix}Description", description, DESCRIPTION_MAX_BYTES)
    _within(f"{prefix}CoverURL", cover_url, COVER_URL_MAX_BYTES)
    if len(tags) > TAGS_MAX_COUNT:
        raise invalid_parameter(f"{prefix}Tags: {len(tags)} tags; at most {TAGS_MAX_COUNT} allowed.")
    for tag in tags:
        _within(f"{prefix}Tags: tag {tag!r}", tag, TAG_MAX_BYTES)


def user_data_of(params: Mapping[str, str]) -> UserData | None:
    """UserData validated with the model and ICE's 1,024-byte limit on its JSON text as sent."""
    _within("UserData", params.get("UserData"), USER_DATA_MAX_BYTES)
    return snippet(UserData, params)


def media_of(library: MediaLibrary, media_id: str | None, principal: Principal) -> MediaRecord:
    """The caller's media `media_id`; another account's media is as unknown as a missing one."""
    if not media_id:
        raise invalid_parameter("MediaId is required.")
    record = library.get(media_id)
    if record is None or record.account_id != principal.account_id:
        raise Refusal("InvalidMediaId.NotFound", f"The media {media_id} does not exist.", 404)
    return record
