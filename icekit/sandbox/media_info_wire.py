"""GetMediaInfo's `MediaInfo`, shaped as the SDK's GetMediaInfoResponseBody parses it
(alibabacloud_ice20201109/models/_get_media_info_response_body.py: GetMediaInfoResponseBodyMediaInfo,
...MediaBasicInfo, ...FileInfoList, ...FileInfoListFileBasicInfo).

`MediaInfo` = `{MediaId, MediaBasicInfo, FileInfoList}`; MediaBasicInfo carries the fields the sandbox knows
(MediaId, InputURL, MediaType, BusinessType, Source, Biz, Title, Description, CateId, MediaTags, CoverURL,
UserData, Status, CreateTime, ModifiedTime; the SDK model types CateId as int, the rest as strings);
FileInfoList holds one entry once the media has its file (an upload completed, or a registration), with
FileBasicInfo `FileName` (the object name's last part), `FileSize` (a string: the SDK types it str),
`FileStatus` Normal, `FileType` `source_file` (inferred: ICE's name for the original file), `FileUrl`,
`FormatName` (the extension), `Region`, `CreateTime`, `ModifiedTime`. Fields ICE fills by probing the file
(Duration, Bitrate, Width, Height, stream lists) are left out: the sandbox does not decode media.
"""

from __future__ import annotations

import posixpath
from typing import Any, Final

from icekit.sandbox.media_library import MediaRecord

__all__ = ["media_info"]

_BIZ: Final = "ICE"  # MediaBasicInfo.Biz: the service the media belongs to (data types page)
_SOURCE_FILE: Final = "source_file"


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in fields.items() if value is not None}


def _basic_info(record: MediaRecord) -> dict[str, Any]:
    return _present(
        {
            "MediaId": record.media_id,
            "InputURL": record.input_url,
            "MediaType": record.media_type,
            "BusinessType": record.business_type,
            "Source": record.source,
            "Biz": _BIZ,
            "Title": record.title,
            "Description": record.description,
            "CateId": record.cate_id,
            "MediaTags": record.tags,
            "CoverURL": record.cover_url,
            "UserData": record.user_data,
            "Status": record.status,
            "CreateTime": record.created,
            "ModifiedTime": record.modified,
        }
    )


def _file_info(record: MediaRecord, region: str) -> dict[str, Any]:
    name = posixpath.basename(record.key)
    return {
        "FileBasicInfo": {
            "FileName": name,
            "FileSize": str(record.file_size),
            "FileStatus": "Normal",
            "FileType": _SOURCE_FILE,
            "FileUrl": record.file_url,
            "FormatName": name.rpartition(".")[2].lower() if "." in name else "",
            "Region": region,
            "CreateTime": record.created,
            "ModifiedTime": record.modified,
        }
    }


def media_info(record: MediaRecord, region: str) -> dict[str, Any]:
    files = [_file_info(record, region)] if record.file_size is not None else []
    return {"MediaId": record.media_id, "MediaBasicInfo": _basic_info(record), "FileInfoList": files}
