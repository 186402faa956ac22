"""The FileInfo types, the shape of an extension and the audio/video size limit.

Which extensions fit each type is ICE's published catalogue, in icekit.facts.formats (with its source);
icekit no longer keeps lists of its own.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "EXTENSION_PATTERN",
    "FILE_TYPES",
    "MAX_MEDIA_SIZE_BYTES",
    "REFRESHABLE_FILE_TYPES",
    "REGISTERABLE_FILE_TYPES",
    "SIZE_LIMITED_TYPES",
    "FileType",
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


def normalise_extensions(extensions: list[str]) -> list[str]:
    """Extensions are case-insensitive for ICE: lower-case, sorted, each once."""
    return sorted({ext.lower() for ext in extensions})
