"""The file formats ICE accepts for registration and upload, per `FileInfo.Type`.

Source (verified): IMS "File formats" (文件格式), section "formats supported for registration"
(支持注册的媒资格式), https://help.aliyun.com/zh/ims/developer-reference/file-format-1
(also https://help.aliyun.com/document_detail/197846.htm). The SDK's RegisterMediaInfoRequest points at
the same page (document_detail/466207) for "the mapping between file extensions and media types".
Listed below in the page's order, lower-case. Notes on the page's list:
- video's MPEG row ends in 等 ("etc."): the page does not claim to be complete; icekit still refuses
  what is not listed, because ICE fails an upload whose extension it does not support ("upload based
  on OSS API" guide, https://help.aliyun.com/zh/ims/user-guide/upload-based-on-oss-api).
- `asf` appears in two video rows (MPEG, Windows Media Video); it is listed once here.
- `gif` is both a video format and an image format: the declared type decides, not the extension.
- text: the page lists subtitles and fonts under auxiliary media (辅助媒资); mapping that row onto
  `FileInfo.Type = text` is inferred from MediaMetaData's BusinessType (text: subtitles, font).
- The editing formats on the same page (e.g. bmp, tiff, woff, otf) are what the editor reads, not
  what an upload registers: they are not listed here.

`other` has no published list. icekit's choice: an `other` file may carry any extension of 1 to 16
ASCII letters and digits (OTHER_EXTENSION_PATTERN): no dots, separators, spaces or non-ASCII, so it
is safe in an object key, a JSON string and a shell word. Whether ICE accepts it is up to ICE.

Extensions compare case-insensitively (ICE: "extensions are case-insensitive"). This module imports nothing
from icekit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = [
    "EXTENSIONS_BY_TYPE",
    "FONT_FORMATS",
    "FORMATS_SOURCE",
    "OTHER_EXTENSION_MAX",
    "OTHER_EXTENSION_PATTERN",
    "PUBLISHED_FORMATS",
    "SUBTITLE_FORMATS",
    "extension_fits",
    "is_supported",
    "known_extension",
    "supported_extensions",
    "supported_list",
]

FORMATS_SOURCE: Final = (
    'IMS "File formats" (文件格式), formats supported for registration, '
    "https://help.aliyun.com/zh/ims/developer-reference/file-format-1"
)

SUBTITLE_FORMATS: Final = ("srt", "vtt", "ass")
FONT_FORMATS: Final = ("ttf", "ttc", "fon")

PUBLISHED_FORMATS: Final = MappingProxyType(
    {
        "video": (
            # MPEG; AVI; Windows Media Video; Flash Video; Real Video; QuickTime; Matroska; HLS
            "mp4", "ts", "3gp", "mpg", "mpeg", "mpe", "dat", "vob", "asf", "avi", "wmv", "flv", "f4v",
            "rm", "rmvb", "mov", "mkv", "m3u8",
            # other formats (其它格式)
            "dv", "gif", "m2t", "m4v", "mj2", "mjpeg", "mts", "ogg", "qt", "swf", "webm",
        ),
        "audio": ("mp3", "wma", "wav", "aac", "ra", "m4a", "flac", "ape", "ac3", "amr", "caf", "acm"),
        "image": ("gif", "webp", "png", "jpg", "jpeg", "heic"),
        "text": SUBTITLE_FORMATS + FONT_FORMATS,
    }
)  # fmt: skip

# icekit's own rule for `other` (no published list): see the module docstring.
OTHER_EXTENSION_MAX: Final = 16
OTHER_EXTENSION_PATTERN: Final = re.compile(rf"[a-z0-9]{{1,{OTHER_EXTENSION_MAX}}}", re.ASCII)

_FILE_TYPES: Final = (*PUBLISHED_FORMATS, "other")
_SORTED: Final = {file_type: tuple(sorted(exts)) for file_type, exts in PUBLISHED_FORMATS.items()}


def _require_file_type(file_type: str) -> None:
    if file_type not in _FILE_TYPES:
        raise ValueError(f"unknown file type {file_type!r}; ICE's types are {', '.join(_FILE_TYPES)}")


def supported_extensions(file_type: str) -> tuple[str, ...]:
    """ICE's published extensions for `file_type`, sorted, lower-case; `other` has none published: ().

    Raises ValueError for a type that is not one of video, audio, image, text, other.
    """
    _require_file_type(file_type)
    return _SORTED.get(file_type, ())


def is_supported(file_type: str, ext: str) -> bool:
    """Whether ICE accepts extension `ext` (without the dot, any case) for a `file_type` file.

    `other` accepts any extension matching OTHER_EXTENSION_PATTERN. Raises ValueError for an unknown type.
    """
    _require_file_type(file_type)
    folded = ext.lower()
    if file_type == "other":
        return OTHER_EXTENSION_PATTERN.fullmatch(folded) is not None
    return folded in _SORTED[file_type]


# Per type, sorted; `other`: () (no list published). The view every part imports.
EXTENSIONS_BY_TYPE: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {file_type: _SORTED.get(file_type, ()) for file_type in _FILE_TYPES}
)
_ALL_PUBLISHED: Final = frozenset(ext for exts in PUBLISHED_FORMATS.values() for ext in exts)


def extension_fits(file_type: str, ext: str) -> bool:
    """`is_supported` that answers False (instead of raising) for a type that is not one of ICE's."""
    return file_type in _FILE_TYPES and is_supported(file_type, ext)


def known_extension(ext: str) -> bool:
    """Whether `ext` is in ICE's catalogue for any type (used to spot a Name that still carries one)."""
    return ext.lower() in _ALL_PUBLISHED


def supported_list(file_type: str) -> str:
    """How a message names what ICE supports for `file_type`: its catalogue, or icekit's rule for `other`."""
    extensions = EXTENSIONS_BY_TYPE.get(file_type, ())
    if extensions:
        return ", ".join(extensions)
    return "ICE publishes no list for other files; icekit takes 1 to 16 ASCII letters and digits"
