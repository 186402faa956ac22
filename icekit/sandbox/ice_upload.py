"""ICE `CreateUploadMedia` and `RefreshUploadMedia` (the SDK's CreateUploadMediaRequest/ResponseBody and
RefreshUploadMediaRequest/ResponseBody models; docs/ice-facts.md sections 1 and 5).

CreateUploadMedia validates its JSON-string parameters with icekit's models (FileInfo is required: without
Type and Ext there is no upload address; MediaMetaData may be left out, then the title is FileInfo.Name and
the business type `general`, the sandbox's reading), creates the media (`Uploading`, MediaId 32 hex) and
answers `MediaId`, `MediaURL`, `FileURL`, `UploadAddress`, `UploadAuth`.

RefreshUploadMedia renews the credential of an audio or video upload only ("upload based on OSS API" guide:
images and auxiliary files need a new CreateUploadMedia): same address, new credential. The credential it
replaces stays valid until its own expiry, as an issued STS token cannot be recalled (inferred; the
sandbox's choice, so an upload already under way with the old one is not cut off).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Final

from icekit.facts.file_types import REFRESHABLE_FILE_TYPES
from icekit.models import (
    FileInfo,
    InvalidDocumentError,
    MediaMetaData,
    PostProcessConfig,
    UploadTargetConfig,
    require_business_type_fits,
    require_post_processable,
)
from icekit.sandbox.app_rules import UploadRules
from icekit.sandbox.credentials import CredentialStore
from icekit.sandbox.ice_params import (
    app_id_of,
    check_media_texts,
    entity_id_of,
    invalid_parameter,
    media_of,
    snippet,
    user_data_of,
    with_rule,
)
from icekit.sandbox.media_library import MEDIA_UPLOADING, SOURCE_VOD, MediaLibrary, MediaRecord, new_media_id
from icekit.sandbox.openapi_app import OpenApiCall
from icekit.sandbox.openapi_common import OPENAPI_TIMESTAMP_FORMAT
from icekit.sandbox.upload_issuer import UploadStorage, issue_upload_auth, upload_address, upload_key

__all__ = ["REFRESHABLE_MEDIA_TYPES", "UploadActions"]

# RefreshUploadMedia renews audio and video uploads only (the fact lives in icekit.facts.file_types).
REFRESHABLE_MEDIA_TYPES: Final = tuple(sorted(REFRESHABLE_FILE_TYPES))
_DEFAULT_BUSINESS_TYPE: Final = "general"  # MediaMetaData.BusinessType's default (the SDK's comment)


class UploadActions:
    def __init__(
        self,
        library: MediaLibrary,
        credentials: CredentialStore,
        storage: UploadStorage,
        region: str,
        rules: UploadRules | None = None,
    ) -> None:
        self._library = library
        self._credentials = credentials
        self._storage = storage
        self._region = region
        self._rules = rules or UploadRules()

    def create(self, call: OpenApiCall) -> Mapping[str, Any]:
        record = self._new_media(call)
        access_key_id, auth = self._issue(record, call)
        self._library.add(replace(record, upload_credentials=(access_key_id,)))
        return {
            "MediaId": record.media_id,
            "MediaURL": record.file_url,
            "FileURL": record.file_url,
            "UploadAddress": upload_address(self._storage, record),
            "UploadAuth": auth,
        }

    def refresh(self, call: OpenApiCall) -> Mapping[str, Any]:
        record = media_of(self._library, call.params.get("MediaId"), call.principal)
        if not record.is_upload:
            raise invalid_parameter(
                f"The media {record.media_id} was registered from {record.input_url}, not uploaded: "
                "RefreshUploadMedia renews upload credentials only."
            )
        if record.media_type not in REFRESHABLE_MEDIA_TYPES:
            raise invalid_parameter(
                f"RefreshUploadMedia renews the credential of audio and video uploads only; the media "
                f"{record.media_id} is {record.media_type}: call CreateUploadMedia for a new upload."
            )
        access_key_id, auth = self._issue(record, call)
        self._library.update(
            record.media_id,
            lambda current: replace(current, upload_credentials=(*current.upload_credentials, access_key_id)),
        )
        return {
            "MediaId": record.media_id,
            "UploadAddress": upload_address(self._storage, record),
            "UploadAuth": auth,
        }

    def _issue(self, record: MediaRecord, call: OpenApiCall) -> tuple[str, str]:
        now = call.context.current_time
        return issue_upload_auth(self._credentials, self._storage, record, self._region, now)

    def _new_media(self, call: OpenApiCall) -> MediaRecord:
        params = call.params
        file_info = snippet(FileInfo, params, required=True)
        assert file_info is not None  # required
        problem = self._rules.upload_problem(call.principal, file_info.Type, file_info.Ext, file_info.Size)
        if problem is not None:
            raise invalid_parameter(f"FileInfo: {problem}.")
        metadata = snippet(MediaMetaData, params) or _default_metadata(file_info)
        user_data = user_data_of(params)
        with_rule(require_business_type_fits, metadata.BusinessType, file_info.Type)
        if snippet(PostProcessConfig, params) is not None:
            with_rule(require_post_processable, file_info.Type)
        tags = metadata.Tags or ()
        check_media_texts(
            metadata.Title, metadata.Description, tags, metadata.CoverURL, prefix="MediaMetaData."
        )
        location = self._storage.location_for(snippet(UploadTargetConfig, params), self._region)
        media_id = new_media_id()
        bucket, key = self._storage.bucket_of(location), upload_key(media_id, file_info.Ext)
        now = call.context.current_time.strftime(OPENAPI_TIMESTAMP_FORMAT)
        file_url = self._storage.object_url(bucket, key)
        callback = user_data.MessageCallback if user_data is not None else None
        return MediaRecord(
            media_id=media_id,
            account_id=call.principal.account_id,
            app_id=app_id_of(params),
            media_type=file_info.Type,
            business_type=metadata.BusinessType,
            title=metadata.Title,
            status=MEDIA_UPLOADING,
            source=SOURCE_VOD,
            input_url=file_url,
            bucket=bucket,
            key=key,
            file_url=file_url,
            created=now,
            modified=now,
            description=metadata.Description,
            tags=",".join(tags) or None,
            cate_id=metadata.CateId,
            cover_url=metadata.CoverURL,
            user_data=params.get("UserData") or None,
            callback_url=callback.CallbackURL if callback is not None else None,
            entity_id=entity_id_of(params),
            declared_size=file_info.Size,
        )


def _default_metadata(file_info: FileInfo) -> MediaMetaData:
    """MediaMetaData when the call leaves it out: FileInfo.Name as the title, the general business type."""
    try:
        return MediaMetaData.from_data({"Title": file_info.Name, "BusinessType": _DEFAULT_BUSINESS_TYPE})
    except InvalidDocumentError as error:
        raise invalid_parameter(
            f"MediaMetaData is left out and FileInfo.Name cannot be its Title: {error}"
        ) from None
