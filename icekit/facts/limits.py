"""ICE's length limits on media metadata and UserData, in UTF-8 bytes.

Why bytes: the SDK's CreateUploadMediaRequest comment says Title "128 characters" and Description
"1024 characters", but ICE's media-library data types page (MediaBasicInfo) and the SDK's own
RegisterMediaInfoRequest and UpdateMediaInfoRequest comments say bytes, UTF-8 encoded. Bytes are the
reading that never lets through what ICE refuses: a 43-character CJK title is 129 bytes. Sources, each
verified:
- MB: ICE "Data types for the media asset library" (媒资库相关数据类型), MediaBasicInfo,
  https://help.aliyun.com/zh/ims/developer-reference/data-type-3 (https://help.aliyun.com/document_detail/198820.htm)
- SDK: alibabacloud_ice20201109 6.20.2, models/_register_media_info_request.py and
  models/_update_media_info_request.py field comments (CreateUploadMedia's own comment gives no unit for the
  others, and "characters" for Title and Description)
This module imports nothing from icekit.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

__all__ = [
    "COVER_URL_MAX_BYTES",
    "DESCRIPTION_MAX_BYTES",
    "LIMIT_SOURCES",
    "TAGS_MAX_COUNT",
    "TAG_MAX_BYTES",
    "TITLE_MAX_BYTES",
    "USER_DATA_MAX_BYTES",
    "utf8_len",
]

_MB: Final = "ICE media-library data types, MediaBasicInfo (https://help.aliyun.com/zh/ims/developer-reference/data-type-3)"
_SDK: Final = "alibabacloud_ice20201109 RegisterMediaInfoRequest and UpdateMediaInfoRequest field comments"

TITLE_MAX_BYTES: Final = 128
DESCRIPTION_MAX_BYTES: Final = 1024
TAGS_MAX_COUNT: Final = 16
TAG_MAX_BYTES: Final = 32
COVER_URL_MAX_BYTES: Final = 128
# Measured on the wire string: the JSON text of UserData exactly as sent (static settings and the per-upload
# Extend together), not on its parts.
USER_DATA_MAX_BYTES: Final = 1024

LIMIT_SOURCES: Final = MappingProxyType(
    {
        "Title": f"{_MB}: at most 128 bytes, UTF-8; {_SDK}: 128 bytes",
        "Description": f"{_MB}: at most 1024 bytes, UTF-8; {_SDK}: 1024 bytes",
        "Tags": f"{_MB}: at most 16 tags, comma-separated, each at most 32 bytes; {_SDK}: the same",
        "CoverURL": f"{_MB}: at most 128 bytes, UTF-8; {_SDK}: 128 bytes",
        "UserData": f"{_MB}: at most 1024 bytes, UTF-8; {_SDK}: 1024 bytes (RegisterMediaInfo: JSON)",
    }
)


def utf8_len(text: str) -> int:
    """The length of `text` in UTF-8 bytes, the unit of ICE's limits.

    Raises UnicodeEncodeError (a ValueError) for text UTF-8 cannot carry (a lone surrogate), which ICE
    could not receive either.
    """
    return len(text.encode("utf-8"))
