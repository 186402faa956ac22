"""The JSON-string parameters of ICE CreateUploadMedia as pydantic v2 models, plus AppId/EntityId; the
regions and file types (icekit.facts) are re-exported for upload clients.

Never imports pulumi: upload clients use this package.
"""

from __future__ import annotations

from icekit.facts.file_types import FILE_TYPES, MAX_MEDIA_SIZE_BYTES, FileType
from icekit.facts.formats import EXTENSIONS_BY_TYPE, extension_fits
from icekit.facts.ids import DEFAULT_APP_ID
from icekit.facts.regions import SUPPORTED_REGIONS, ice_endpoint
from icekit.models.base import WireModel, decode_json_object, encode_wire
from icekit.models.business_types import (
    BUSINESS_TYPES,
    BUSINESS_TYPES_BY_FILE_TYPE,
    BusinessType,
    business_type_fits,
    require_business_type_fits,
)
from icekit.models.file_info import FileInfo
from icekit.models.ids import AppId, EntityId, validate_app_id, validate_entity_id
from icekit.models.media_metadata import MediaMetaData
from icekit.models.post_process_config import PostProcessConfig, require_post_processable
from icekit.models.problems import InvalidDocumentError, Problem
from icekit.models.upload_target_config import UploadTargetConfig, storage_location_region
from icekit.models.user_data import MessageCallbackSettings, UserData

__all__ = [
    "BUSINESS_TYPES",
    "BUSINESS_TYPES_BY_FILE_TYPE",
    "DEFAULT_APP_ID",
    "EXTENSIONS_BY_TYPE",
    "FILE_TYPES",
    "MAX_MEDIA_SIZE_BYTES",
    "SNIPPET_MODELS",
    "SUPPORTED_REGIONS",
    "AppId",
    "BusinessType",
    "EntityId",
    "FileInfo",
    "FileType",
    "InvalidDocumentError",
    "MediaMetaData",
    "MessageCallbackSettings",
    "PostProcessConfig",
    "Problem",
    "UploadTargetConfig",
    "UserData",
    "WireModel",
    "business_type_fits",
    "decode_json_object",
    "encode_wire",
    "extension_fits",
    "ice_endpoint",
    "require_business_type_fits",
    "require_post_processable",
    "storage_location_region",
    "validate_app_id",
    "validate_entity_id",
]

# CLI kind -> model, in the order the API lists the parameters.
SNIPPET_MODELS: dict[str, type[WireModel]] = {
    "file-info": FileInfo,
    "media-metadata": MediaMetaData,
    "upload-target-config": UploadTargetConfig,
    "user-data": UserData,
    "post-process-config": PostProcessConfig,
}
