"""MediaMetaData.BusinessType: the values the API allows, and which fit which FileInfo.Type.

Source: the SDK's CreateUploadMediaRequest comments: video: opening, ending; image: default, cover;
text: subtitles, font; material: watermark; general. "material" is not a FileInfo.Type: icekit lets a
watermark be an image or an `other` file (watermarks are pictures), which is icekit's reading, not ICE's word.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "BUSINESS_TYPES",
    "BUSINESS_TYPES_BY_FILE_TYPE",
    "BusinessType",
    "business_type_fits",
    "require_business_type_fits",
]

BusinessType = Literal["opening", "ending", "default", "cover", "subtitles", "font", "watermark", "general"]
BUSINESS_TYPES: tuple[str, ...] = get_args(BusinessType)

BUSINESS_TYPES_BY_FILE_TYPE: dict[str, tuple[str, ...]] = {
    "video": ("opening", "ending", "general"),
    "image": ("default", "cover", "watermark", "general"),
    "audio": ("general",),
    "text": ("subtitles", "font", "general"),
    "other": ("watermark", "general"),
}


def business_type_fits(business_type: str, file_type: str) -> bool:
    return business_type in BUSINESS_TYPES_BY_FILE_TYPE.get(file_type, ())


def require_business_type_fits(business_type: str, file_type: str) -> None:
    """Raise ValueError in user words unless `business_type` is allowed for a `file_type` file."""
    if not business_type_fits(business_type, file_type):
        allowed = ", ".join(BUSINESS_TYPES_BY_FILE_TYPE.get(file_type, ()))
        raise ValueError(
            f"MediaMetaData.BusinessType: {business_type!r} does not fit FileInfo.Type {file_type!r} "
            f"(allowed: {allowed})"
        )
