"""ICE `GetMediaInfo` and `RegisterMediaInfo` (the SDK's GetMediaInfoRequest/ResponseBody and
RegisterMediaInfoRequest/ResponseBody models; docs/ice-facts.md section 9).

GetMediaInfo finds the caller's media by `MediaId`, or else by `InputURL` (MediaId takes precedence, as the
reference page says) and answers `MediaInfo` (media_info_wire).

RegisterMediaInfo registers an object of an own OSS bucket: `InputURL` is `oss://<bucket>/<key>` or
`http(s)://<bucket>.oss-<region>.aliyuncs.com/<key>` in this ICE's region, and the object must exist in the
sandbox's OSS. `MediaType` (image, video, audio, text) may be left out when the extension tells the type
(image, video, audio only; an extension of two types, such as gif, needs it); text needs BusinessType
subtitles or font (SDK comments). The SDK says registration is asynchronous (2-3 s); the sandbox registers at
once, so the media is `Normal` when the call returns. A registered InputURL is refused unless
`Overwrite=true`, which replaces the earlier media (the SDK's Overwrite comment).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from icekit.facts.file_types import REGISTERABLE_FILE_TYPES
from icekit.models import extension_fits, require_business_type_fits
from icekit.sandbox.app_rules import UploadRules
from icekit.sandbox.ice_params import (
    check_media_texts,
    invalid_parameter,
    media_of,
    user_data_of,
    with_rule,
)
from icekit.sandbox.media_info_wire import media_info
from icekit.sandbox.media_library import MEDIA_NORMAL, SOURCE_OSS, MediaLibrary, MediaRecord, new_media_id
from icekit.sandbox.object_store import ObjectStore
from icekit.sandbox.openapi_app import OpenApiCall
from icekit.sandbox.openapi_common import OPENAPI_TIMESTAMP_FORMAT
from icekit.sandbox.oss_app import oss_object_resource
from icekit.sandbox.refusal import Refusal
from icekit.sandbox.upload_issuer import UploadStorage

__all__ = ["MediaActions", "parse_oss_input_url"]

# RegisterMediaInfoRequest's MediaType values, the ones it can tell from an extension, and text's rule.
_REGISTERABLE_TYPES: Final = REGISTERABLE_FILE_TYPES
_DERIVABLE_TYPES: Final = ("image", "video", "audio")
_TEXT_BUSINESS_TYPES: Final = ("subtitles", "font")


def parse_oss_input_url(input_url: str, region: str) -> tuple[str, str]:
    """(bucket, key) of an OSS InputURL; InvalidParameter for any other form."""
    parts = urlsplit(input_url)
    if parts.scheme == "oss":
        bucket, key = parts.netloc, parts.path.lstrip("/")
    elif parts.scheme in ("http", "https"):
        bucket, _, host = (parts.hostname or "").partition(".")
        if host != f"oss-{region}.aliyuncs.com":
            raise invalid_parameter(f"InputURL: {input_url!r} is not an OSS URL of {region}.")
        key = unquote(parts.path.lstrip("/"))
    else:
        raise invalid_parameter(
            f"InputURL: {input_url!r}: the sandbox registers OSS objects only (oss://<bucket>/<key> or "
            f"https://<bucket>.oss-{region}.aliyuncs.com/<key>)."
        )
    if not bucket or not key:
        raise invalid_parameter(f"InputURL: {input_url!r} names no bucket and object.")
    return bucket, key


def _media_type(params: Mapping[str, str], key: str) -> str:
    extension = key.rpartition(".")[2] if "." in key.rpartition("/")[2] else ""
    given = params.get("MediaType")
    if given:
        if given not in _REGISTERABLE_TYPES:
            raise invalid_parameter(f"MediaType: {given!r} is not one of {', '.join(_REGISTERABLE_TYPES)}.")
        if not extension_fits(given, extension):
            raise invalid_parameter(
                f"MediaType: the extension {extension!r} of {key} is not one of the {given} formats."
            )
        return given
    fitting = [kind for kind in _DERIVABLE_TYPES if extension and extension_fits(kind, extension)]
    if len(fitting) != 1:
        told = f"it is {' or '.join(fitting)}" if fitting else "it names no image, video or audio format"
        raise invalid_parameter(
            f"MediaType is required: the extension of {key} does not tell the type ({told})."
        )
    return fitting[0]


def _business_type(params: Mapping[str, str], media_type: str) -> str:
    business_type = params.get("BusinessType") or "general"
    if media_type == "text" and business_type not in _TEXT_BUSINESS_TYPES:
        raise invalid_parameter("BusinessType: a text media must be subtitles or font.")
    with_rule(require_business_type_fits, business_type, media_type)
    return business_type


def _cate_id(params: Mapping[str, str]) -> int | None:
    value = params.get("CateId")
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise invalid_parameter(f"CateId: {value!r} is not a category ID (a number).")
    return int(value)


class MediaActions:
    def __init__(
        self,
        library: MediaLibrary,
        objects: ObjectStore,
        storage: UploadStorage,
        region: str,
        rules: UploadRules | None = None,
    ) -> None:
        self._library = library
        self._objects = objects
        self._storage = storage
        self._region = region
        self._rules = rules or UploadRules()

    def get(self, call: OpenApiCall) -> Mapping[str, Any]:
        media_id, input_url = call.params.get("MediaId"), call.params.get("InputURL")
        if media_id:
            record = media_of(self._library, media_id, call.principal)
        elif input_url:
            found = self._library.for_input_url(input_url)
            if found is None or found.account_id != call.principal.account_id:
                raise Refusal("InvalidInputURL.NotFound", f"No media is registered for {input_url}.", 404)
            record = found
        else:
            raise invalid_parameter("MediaId or InputURL is required.")
        return {"MediaInfo": media_info(record, self._region)}

    def register(self, call: OpenApiCall) -> Mapping[str, Any]:
        params = call.params
        input_url = params.get("InputURL") or ""
        if not input_url:
            raise invalid_parameter("InputURL is required.")
        bucket, key = parse_oss_input_url(input_url, self._region)
        # Registering an object is putting it into the media library: the caller must be able to write it
        # (an own-bucket role: under its app's prefix), and it must be one of the app's kinds of file.
        call.authorize("oss:PutObject", oss_object_resource(call.principal.account_id, bucket, key))
        stored = self._objects.head(bucket, key)
        if stored is None:
            raise Refusal(
                "InvalidInputURL.NotFound", f"The object {key} does not exist in bucket {bucket}.", 404
            )
        problem = self._rules.own_object_problem(call.principal, bucket, key, stored.size)
        if problem is not None:
            raise invalid_parameter(f"InputURL: {problem}.")
        self._replace_registered(input_url, call, params.get("Overwrite", "").lower() == "true")
        record = self._registered(call, input_url, bucket, key, stored.size)
        self._library.add(record)
        return {"MediaId": record.media_id}

    def _replace_registered(self, input_url: str, call: OpenApiCall, overwrite: bool) -> None:
        existing = self._library.for_input_url(input_url)
        if existing is None or existing.account_id != call.principal.account_id:
            return
        if not overwrite:
            raise invalid_parameter(
                f"InputURL {input_url} is registered already as media {existing.media_id}; "
                "pass Overwrite=true to register it anew."
            )
        self._library.remove(existing.media_id)

    def _registered(self, call: OpenApiCall, input_url: str, bucket: str, key: str, size: int) -> MediaRecord:
        params, now = call.params, call.context.current_time
        media_type = _media_type(params, key)
        title = params.get("Title") or _default_title(now)
        tags = [tag.strip() for tag in (params.get("MediaTags") or "").split(",") if tag.strip()]
        check_media_texts(title, params.get("Description"), tags, params.get("CoverURL"))
        user_data = user_data_of(params)
        callback = user_data.MessageCallback if user_data is not None else None
        stamp = now.strftime(OPENAPI_TIMESTAMP_FORMAT)
        return MediaRecord(
            media_id=new_media_id(),
            account_id=call.principal.account_id,
            app_id="",
            media_type=media_type,
            business_type=_business_type(params, media_type),
            title=title,
            status=MEDIA_NORMAL,
            source=SOURCE_OSS,
            input_url=input_url,
            bucket=bucket,
            key=key,
            file_url=self._storage.object_url(bucket, key),
            created=stamp,
            modified=stamp,
            description=params.get("Description") or None,
            tags=",".join(tags) or None,
            cate_id=_cate_id(params),
            cover_url=params.get("CoverURL") or None,
            user_data=params.get("UserData") or None,
            callback_url=callback.CallbackURL if callback is not None else None,
            file_size=size,
        )


def _default_title(now: datetime) -> str:
    """RegisterMediaInfo's Title when left out: "a default title is generated based on the date" (SDK)."""
    return now.strftime("%Y-%m-%d %H:%M:%S")
