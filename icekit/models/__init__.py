"""The JSON-string parameters of ICE CreateUploadMedia as pydantic v2 models, plus AppId/EntityId; the
regions and file types (icekit.facts) are re-exported for upload clients.

Every name is imported from its home on first use (icekit.lazy): `icekit validate file-info` builds the
FileInfo model only, and importing a submodule imports no other. Never imports pulumi: upload clients use
this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from icekit.lazy import lazy_attributes

if TYPE_CHECKING:
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

    # CLI kind -> model, in the order the API lists the parameters (icekit.models.snippets).
    SNIPPET_MODELS: dict[str, type[WireModel]]

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

if not TYPE_CHECKING:  # mypy reads the imports above; at run time each is imported on first use
    _attribute, __dir__ = lazy_attributes(__name__)

    def __getattr__(name: str) -> Any:
        if name == "SNIPPET_MODELS":  # every snippet model: a dict made (and its models built) on first use
            from icekit.models.snippets import snippet_models

            models = globals()[name] = snippet_models()
            return models
        return _attribute(name)
