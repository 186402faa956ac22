"""icekit's list of file extensions per FileInfo.Type.

ICE documents the five types and says an extension must fit the type (an unsupported extension fails the
upload), but publishes no machine-readable list. These lists are icekit's own, compiled from the formats
that ICE/VOD's upload documentation mentions for each media kind; extend them here
(and only here) when ICE accepts more.
`other` accepts any extension. Compare case-insensitively: keep the lists lower-case.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "EXTENSIONS_BY_TYPE",
    "EXTENSION_PATTERN",
    "FILE_TYPES",
    "MAX_MEDIA_SIZE_BYTES",
    "REFRESHABLE_FILE_TYPES",
    "REGISTERABLE_FILE_TYPES",
    "SIZE_LIMITED_TYPES",
    "FileType",
    "extension_fits",
    "known_extension",
    "normalise_extensions",
]

FileType = Literal["video", "image", "audio", "text", "other"]
FILE_TYPES: tuple[str, ...] = get_args(FileType)

# An extension as the API takes it: letters and digits, without the leading dot.
EXTENSION_PATTERN = r"^[A-Za-z0-9]+$"

# Audio and video files may be at most 5 GB (ICE upload limits).
MAX_MEDIA_SIZE_BYTES = 5 * 1024**3
SIZE_LIMITED_TYPES: frozenset[str] = frozenset({"video", "audio"})
# RefreshUploadMedia renews the upload credential of audio and video only; other types need a new
# CreateUploadMedia ("upload based on OSS API" guide, docs/ice-facts.md section 5).
REFRESHABLE_FILE_TYPES: frozenset[str] = frozenset({"video", "audio"})
# RegisterMediaInfo's MediaType values (SDK RegisterMediaInfoRequest: image, video, audio, text).
REGISTERABLE_FILE_TYPES: tuple[str, ...] = ("image", "video", "audio", "text")

EXTENSIONS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "video": (
        "3gp", "asf", "avi", "dat", "dv", "f4v", "flv", "gif", "m2t", "m2ts", "m3u8", "m4v", "mj2", "mjpeg",
        "mkv", "mov", "mp4", "mpe", "mpeg", "mpg", "mts", "mxf", "ogg", "ogv", "qt", "rm", "rmvb", "swf",
        "ts", "vob", "webm", "wmv",
    ),
    "image": ("bmp", "gif", "heic", "ico", "jpeg", "jpg", "png", "svg", "tif", "tiff", "webp"),
    "audio": (
        "aac", "ac3", "acm", "aiff", "amr", "ape", "caf", "flac", "m4a", "mp3", "ogg", "ra", "wav", "wma",
    ),
    "text": ("ass", "json", "otf", "srt", "ssa", "ttc", "ttf", "txt", "vtt", "woff", "woff2"),
    "other": (),
}  # fmt: skip

_ALL_KNOWN: frozenset[str] = frozenset(ext for exts in EXTENSIONS_BY_TYPE.values() for ext in exts)


def extension_fits(file_type: str, ext: str) -> bool:
    """Whether `ext` (any case, without dot) is an extension of a `file_type` file; `other` takes any."""
    if file_type == "other":
        return True
    return ext.lower() in EXTENSIONS_BY_TYPE.get(file_type, ())


def known_extension(ext: str) -> bool:
    """Whether `ext` is in any of icekit's lists (used to spot a Name that still carries its extension)."""
    return ext.lower() in _ALL_KNOWN


def normalise_extensions(extensions: list[str]) -> list[str]:
    """Extensions are case-insensitive for ICE: lower-case, sorted, each once."""
    return sorted({ext.lower() for ext in extensions})
