"""UploadTargetConfig, UserData, PostProcessConfig, AppId/EntityId, regions and the cross-snippet helpers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from icekit.models import (
    SUPPORTED_REGIONS,
    AppId,
    EntityId,
    InvalidDocumentError,
    PostProcessConfig,
    UploadTargetConfig,
    UserData,
    business_type_fits,
    ice_endpoint,
    require_business_type_fits,
    require_post_processable,
)
from tests.models.samples import POST_PROCESS_EXAMPLE, UPLOAD_TARGET_EXAMPLE, USER_DATA_EXAMPLE


def _problem(model: Any, data: dict[str, Any]) -> str:
    with pytest.raises(InvalidDocumentError) as caught:
        model.from_wire(json.dumps(data))
    return str(caught.value)


# --- UploadTargetConfig ---------------------------------------------------------------------------


@pytest.mark.parametrize("region", SUPPORTED_REGIONS)
def test_vod_storage_in_every_supported_region(region: str) -> None:
    location = f"outin-4f2a9c.oss-{region}.aliyuncs.com"
    target = UploadTargetConfig.from_wire(json.dumps({"StorageType": "oss", "StorageLocation": location}))
    assert target.region == region


def test_reference_shaped_example_round_trips() -> None:
    assert UploadTargetConfig.from_wire(UPLOAD_TARGET_EXAMPLE).to_wire() == UPLOAD_TARGET_EXAMPLE


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"StorageType": "OSS", "StorageLocation": "outin-1.oss-cn-beijing.aliyuncs.com"},
            "StorageType: 'OSS'",
        ),
        (
            {"StorageType": "nas", "StorageLocation": "outin-1.oss-cn-beijing.aliyuncs.com"},
            "(allowed: 'oss')",
        ),
        (
            {"StorageType": "oss", "StorageLocation": "acme-media.oss-cn-shanghai.aliyuncs.com"},
            "StorageLocation: 'acme-media.oss-cn-shanghai.aliyuncs.com' is not a VOD storage location",
        ),
        (
            {"StorageType": "oss", "StorageLocation": "outin-abc.oss-cn-hangzhou.aliyuncs.com"},
            "is in region 'cn-hangzhou', where CreateUploadMedia does not exist",
        ),
        (
            {"StorageType": "oss", "StorageLocation": "outin-abc.oss-cn-shanghai.aliyuncs.com.evil.com"},
            "not a VOD",
        ),
        ({"StorageType": "oss"}, "UploadTargetConfig.StorageLocation: is required"),
    ],
)
def test_upload_target_rule_breaks(data: dict[str, Any], expected: str) -> None:
    assert expected in _problem(UploadTargetConfig, data)


# --- UserData -------------------------------------------------------------------------------------


def test_reference_user_data_round_trips() -> None:
    assert UserData.from_wire(USER_DATA_EXAMPLE).to_wire() == USER_DATA_EXAMPLE


def test_user_data_without_callback_and_callback_of_exactly_256_bytes() -> None:
    assert UserData.from_wire('{"Extend":{"n":1}}').MessageCallback is None
    url = "https://h.example.com/" + "a" * (256 - len("https://h.example.com/"))
    assert (
        UserData.from_wire(json.dumps({"MessageCallback": {"CallbackURL": url}})).MessageCallback is not None
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"MessageCallback": {"CallbackURL": "ftp://h.example.com"}},
            "UserData.MessageCallback.CallbackURL: 'ftp",
        ),
        (
            {"MessageCallback": {"CallbackURL": "https://h.example.com/" + "a" * 240}},
            "at most 256 bytes allowed",
        ),
        (
            {"MessageCallback": {"CallbackURL": "https://h.example.com/" + "é" * 120}},
            "is 262 bytes long in UTF-8",
        ),
        ({"MessageCallback": {}}, "UserData.MessageCallback.CallbackURL: is required"),
        (
            {"MessageCallback": {"CallbackURL": "https://h.example.com", "X": 1}},
            "UserData.MessageCallback.X: is not",
        ),
        ({"Extend": "text"}, "UserData.Extend: must be an object, got a string"),
        ({"Callback": {}}, "UserData.Callback: is not a key this object takes"),
    ],
)
def test_user_data_rule_breaks(data: dict[str, Any], expected: str) -> None:
    assert expected in _problem(UserData, data)


# --- PostProcessConfig ----------------------------------------------------------------------------


def test_reference_post_process_round_trips() -> None:
    assert PostProcessConfig.from_wire(POST_PROCESS_EXAMPLE).to_wire() == POST_PROCESS_EXAMPLE


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"ProcessType": "workflow", "ProcessID": "abc"},
            "PostProcessConfig.ProcessType: 'workflow' is not allowed",
        ),
        (
            {"ProcessType": "Workflow", "ProcessID": ""},
            "PostProcessConfig.ProcessID: '' does not have the required",
        ),
        ({"ProcessType": "Workflow"}, "PostProcessConfig.ProcessID: is required"),
        ({"ProcessType": "Workflow", "ProcessID": "a b"}, "PostProcessConfig.ProcessID: 'a b'"),
    ],
)
def test_post_process_rule_breaks(data: dict[str, Any], expected: str) -> None:
    assert expected in _problem(PostProcessConfig, data)


@pytest.mark.parametrize("file_type", ["video", "audio"])
def test_post_processing_applies_to_video_and_audio(file_type: str) -> None:
    require_post_processable(file_type)


@pytest.mark.parametrize("file_type", ["image", "text", "other"])
def test_post_processing_is_rejected_for_other_types(file_type: str) -> None:
    with pytest.raises(
        ValueError, match=f"only to video and audio files, not to FileInfo.Type '{file_type}'"
    ):
        require_post_processable(file_type)


# --- BusinessType against FileInfo.Type -----------------------------------------------------------


@pytest.mark.parametrize(
    ("business_type", "file_type", "fits"),
    [
        ("opening", "video", True),
        ("ending", "video", True),
        ("default", "image", True),
        ("cover", "image", True),
        ("subtitles", "text", True),
        ("font", "text", True),
        ("watermark", "image", True),
        ("general", "audio", True),
        ("general", "other", True),
        ("cover", "video", False),
        ("opening", "image", False),
        ("subtitles", "video", False),
        ("font", "audio", False),
        ("watermark", "video", False),
    ],
)
def test_business_type_fits_file_type(business_type: str, file_type: str, fits: bool) -> None:
    assert business_type_fits(business_type, file_type) is fits
    if fits:
        require_business_type_fits(business_type, file_type)
    else:
        with pytest.raises(ValueError, match=f"'{business_type}' does not fit FileInfo.Type '{file_type}'"):
            require_business_type_fits(business_type, file_type)


# --- AppId, EntityId, regions ---------------------------------------------------------------------


class _Ids(BaseModel):
    app: AppId = "app-1000000"
    entity: EntityId | None = None


def test_ids_accept_their_formats() -> None:
    ids = _Ids(app="app-42", entity="9e177cac2fb44f8b8c67b199fcc7bffd")
    assert (ids.app, ids.entity) == ("app-42", "9e177cac2fb44f8b8c67b199fcc7bffd")
    assert _Ids().app == "app-1000000"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"app": "1000000"}, "is not an ICE AppId"),
        ({"app": "app-"}, "is not an ICE AppId"),
        ({"app": "APP-1"}, "is not an ICE AppId"),
        ({"entity": "9e177cac2fb44f8b8c67b199fcc7bff"}, "is not an ICE EntityId (32 hex characters"),
        ({"entity": "9e177cac2fb44f8b8c67b199fcc7bffg"}, "is not an ICE EntityId"),
    ],
)
def test_ids_reject_other_formats(fields: dict[str, str], expected: str) -> None:
    with pytest.raises(ValidationError, match=expected.replace("(", r"\(")):
        _Ids(**fields)


def test_regions_and_endpoints() -> None:
    assert SUPPORTED_REGIONS == ("cn-beijing", "cn-shanghai", "cn-shenzhen")
    assert ice_endpoint("cn-shenzhen") == "ice.cn-shenzhen.aliyuncs.com"
    with pytest.raises(ValueError, match="'cn-hangzhou' is not a region where ICE CreateUploadMedia exists"):
        ice_endpoint("cn-hangzhou")
