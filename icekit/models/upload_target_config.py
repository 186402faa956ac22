"""UploadTargetConfig: where ICE stores the upload. Only VOD storage (`outin-<id>.oss-<region>.aliyuncs.com`).

Source: the SDK's CreateUploadMediaRequest comments ("StorageType: only oss is supported. StorageLocation:
only VOD storage is supported. User-owned OSS storage is not supported.") and the reference page's region
limit.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field

from icekit.facts.regions import SUPPORTED_REGIONS
from icekit.models.base import WireModel

__all__ = [
    "STORAGE_LOCATION_PATTERN",
    "UploadTargetConfig",
    "storage_location_region",
    "validate_storage_location",
]

# Region names are [a-z0-9-] only; no escaping, so the pattern is also a valid ECMA-262 (JSON Schema) regex.
_REGIONS = "|".join(SUPPORTED_REGIONS)
# The JSON Schema form (only the supported regions).
STORAGE_LOCATION_PATTERN = rf"^outin-[0-9a-z]+\.oss-({_REGIONS})\.aliyuncs\.com$"
_ANY_REGION = re.compile(r"^outin-[0-9a-z]+\.oss-([a-z0-9-]+)\.aliyuncs\.com$")


def storage_location_region(location: str) -> str | None:
    """The region of a VOD storage location, or None if `location` is not one."""
    match = _ANY_REGION.fullmatch(location)
    return match.group(1) if match else None


def validate_storage_location(location: str) -> str:
    region = storage_location_region(location)
    if region is None:
        raise ValueError(
            f"{location!r} is not a VOD storage location (outin-<id>.oss-<region>.aliyuncs.com); "
            "CreateUploadMedia cannot upload to your own OSS bucket "
            "(upload with the OSS SDK, then RegisterMediaInfo)"
        )
    if region not in SUPPORTED_REGIONS:
        raise ValueError(
            f"{location!r} is in region {region!r}, where CreateUploadMedia does not exist "
            f"(allowed: {', '.join(SUPPORTED_REGIONS)})"
        )
    return location


class UploadTargetConfig(WireModel):
    WIRE_NAME: ClassVar[str] = "UploadTargetConfig"

    StorageType: Literal["oss"]
    StorageLocation: Annotated[
        str,
        Field(json_schema_extra={"pattern": STORAGE_LOCATION_PATTERN}),
        AfterValidator(validate_storage_location),
    ]

    @property
    def region(self) -> str:
        region = storage_location_region(self.StorageLocation)
        assert region is not None  # guaranteed by validation
        return region
