"""One upload's parameters, built and checked before any call: the file type from the extension and the app's
`fileRules`, FileInfo and MediaMetaData through icekit.models (every rule of the app: extension, size,
business type, ICE's byte limits), the per-type PostProcessConfig, and UserData with an optional `Extend`.

Refusals are UserInputErrors naming the file and the parameter's key path (`FileInfo.Ext`,
`MediaMetaData.Title`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from icekit.clientconfig import (
    ClientConfig,
    FileRule,
    OwnBucketClientConfig,
    VodClientConfig,
)
from icekit.errors import UserInputError
from icekit.models import (
    FileInfo,
    InvalidDocumentError,
    MediaMetaData,
    UserData,
    require_business_type_fits,
)

__all__ = ["MediaFields", "UploadRequest", "build_request"]


@dataclass(frozen=True)
class MediaFields:
    """What the caller says about the media; None takes the app's `mediaDefaults`."""

    title: str
    description: str | None = None
    tags: Sequence[str] | None = None
    cate_id: int | None = None
    cover_url: str | None = None
    business_type: str | None = None


@dataclass(frozen=True)
class UploadRequest:
    file_info: FileInfo
    metadata: MediaMetaData
    user_data: str | None  # wire string
    post_process_config: str | None  # wire string, video and audio only

    @property
    def file_type(self) -> str:
        return self.file_info.Type


def _rule_for(config: ClientConfig, ext: str, file_type: str | None, file: str) -> FileRule:
    fitting = [rule for rule in config.fileRules if ext in rule.extensions]
    if file_type is not None:
        fitting = [rule for rule in fitting if rule.type == file_type]
    if not fitting:
        allowed = "; ".join(f"{r.type}: {', '.join(r.extensions)}" for r in config.fileRules) or "nothing"
        raise UserInputError(
            f"{ext!r} is not an extension app {config.app} may upload (allowed: {allowed})",
            file=file,
            key_path="FileInfo.Ext",
        )
    if len(fitting) > 1:
        types = ", ".join(rule.type for rule in fitting)
        raise UserInputError(
            f"{ext!r} fits several file types ({types}): say which with file_type",
            file=file,
            key_path="FileInfo.Type",
        )
    return fitting[0]


def _split_name(name: str, file: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext:
        raise UserInputError(
            "has no extension: the file type comes from it", file=file, key_path="FileInfo.Ext"
        )
    return stem, ext.lower()


def _checked(model: type[FileInfo] | type[MediaMetaData], data: Mapping[str, Any], file: str) -> Any:
    try:
        return model.from_data(dict(data))
    except InvalidDocumentError as error:
        first = error.problems[0]
        raise UserInputError(first.rule, file=file, key_path=first.path) from None


def _metadata(config: ClientConfig, fields: MediaFields, file_type: str, file: str) -> MediaMetaData:
    defaults = config.mediaDefaults
    tags = list(defaults.tags if fields.tags is None else fields.tags)
    data: dict[str, Any] = {
        "Title": fields.title,
        "Description": fields.description,
        "Tags": tags or None,
        "CateId": defaults.cateId if fields.cate_id is None else fields.cate_id,
        "CoverURL": fields.cover_url,
        "BusinessType": fields.business_type or defaults.businessType,
    }
    metadata: MediaMetaData = _checked(MediaMetaData, {k: v for k, v in data.items() if v is not None}, file)
    try:
        require_business_type_fits(metadata.BusinessType, file_type)
    except ValueError as error:
        raise UserInputError(str(error), file=file, key_path="MediaMetaData.BusinessType") from None
    return metadata


def _user_data(static: str | None, extend: Mapping[str, Any] | None, file: str) -> str | None:
    if static is None and extend is None:
        return None
    document = UserData.from_wire(static).to_data() if static else {}
    if extend is not None:
        document["Extend"] = dict(extend)
    try:
        # the model checks Extend and the whole wire string's byte limit (icekit.facts.limits)
        return UserData.from_data(document).to_wire()
    except InvalidDocumentError as error:
        problem = error.problems[0]  # its path starts at the document (`UserData`, `UserData.Extend`)
        raise UserInputError(problem.rule, file=file, key_path=problem.path or "UserData") from None


def build_request(
    config: ClientConfig,
    file_name: str,
    size: int | None,
    fields: MediaFields,
    *,
    file_type: str | None = None,
    extend: Mapping[str, Any] | None = None,
) -> UploadRequest:
    """The checked parameters of one upload of `file_name` (`size` bytes, None when unknown)."""
    stem, ext = _split_name(file_name, file_name)
    rule = _rule_for(config, ext, file_type, file_name)
    if size is not None and rule.maxSizeBytes is not None and size > rule.maxSizeBytes:
        raise UserInputError(
            f"{size} bytes is more than the {rule.maxSizeBytes} bytes app {config.app} allows "
            f"for {rule.type} files",
            file=file_name,
            key_path="FileInfo.Size",
        )
    info_data: dict[str, Any] = {"Type": rule.type, "Name": stem, "Ext": ext}
    if size:
        info_data["Size"] = size
    file_info: FileInfo = _checked(FileInfo, info_data, file_name)
    static = config.request if isinstance(config, VodClientConfig | OwnBucketClientConfig) else None
    # the client configuration says, per file type, which PostProcessConfig to send (version 2)
    per_type = config.postProcessConfigs if isinstance(config, VodClientConfig) else {}
    post = next((wire for media_type, wire in per_type.items() if media_type == rule.type), None)
    return UploadRequest(
        file_info,
        _metadata(config, fields, rule.type, file_name),
        _user_data(static.UserData if static else None, extend, file_name),
        post,
    )
