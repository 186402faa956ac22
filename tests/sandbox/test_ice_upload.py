"""The ICE upload path end to end with the official SDKs only: alibabacloud-sts20150401 assumes the role,
alibabacloud-ice20201109 creates the upload, oss2 and alibabacloud-oss-v2 write the object with the
UploadAuth, the signed FileUploadComplete callback reaches a local receiver and verifies with
icekit.callbacks.verify, and GetMediaInfo shows the media Normal. Then what the upload credential and the
parameters may not do."""

from __future__ import annotations

import io
import json
from typing import Any

import alibabacloud_oss_v2 as oss
import oss2
import pytest
from alibabacloud_ice20201109 import models as ice_models
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_tea_openapi.exceptions import ClientException

from icekit.callbacks import verify
from icekit.callbacks.events import FileUploadComplete
from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.serving import running_server
from icekit.sandbox.state import StateDirectory
from icekit.sandbox.sts_app import RoleSettings, sts_application
from tests.sandbox.clients import ice_client, oss2_bucket, oss_v2_client, sts_client
from tests.sandbox.conftest import ACCOUNT, ROLE_ARN
from tests.sandbox.doubles import ScriptedAuthorizer
from tests.sandbox.upload_rig import (
    DECLARED_CALLBACK,
    OWN_BUCKET,
    STORAGE_LOCATION,
    UploadRig,
    decoded,
)

AUTH_KEY = "SandboxKey123"
PART = 100 * 1024  # the smallest part OSS takes (all but the last)
USER_DATA = json.dumps({"Extend": {"localId": "clip-42"}}, separators=(",", ":"))


def file_info(kind: str = "video", ext: str = "mp4", size: int | None = None) -> str:
    info: dict[str, Any] = {"Type": kind, "Name": "holiday clip", "Ext": ext}
    if size is not None:
        info["Size"] = size
    return json.dumps(info)


def create_upload(client: Any, info: str, **extra: str) -> Any:
    request = ice_models.CreateUploadMediaRequest(
        app_id="app-1000000",
        file_info=info,
        media_meta_data=extra.pop("media_meta_data", '{"Title":"Holiday","BusinessType":"general"}'),
        upload_target_config=json.dumps({"StorageType": "oss", "StorageLocation": STORAGE_LOCATION}),
        **extra,
    )
    return client.create_upload_media(request).body


def subscribe(client: Any) -> None:
    client.set_event_callback(
        ice_models.SetEventCallbackRequest(
            callback_type="HTTP",
            callback_url=DECLARED_CALLBACK,
            event_type_list="FileUploadComplete",
            auth_switch="on",
            auth_key=AUTH_KEY,
        )
    )


def upload_bucket(rig: UploadRig, created: Any, *, v4: bool = False) -> tuple[Any, str]:
    """An oss2 Bucket signed with the UploadAuth, and the object name the UploadAddress gives."""
    address, auth = decoded(created.upload_address), decoded(created.upload_auth)
    assert address["Endpoint"] == rig.oss.url
    bucket = oss2_bucket(
        rig.oss, address["Bucket"], auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"], v4=v4
    )
    return bucket, address["FileName"]


def assumed_ice_client(
    rig: UploadRig, credentials: CredentialStore, authorizer: ScriptedAuthorizer, caller: AccessKey
) -> Any:
    with running_server(sts_application({ROLE_ARN: RoleSettings(ROLE_ARN)}, credentials, authorizer)) as sts:
        assumed = sts_client(sts, caller.access_key_id, caller.secret).assume_role(
            sts_models.AssumeRoleRequest(role_arn=ROLE_ARN, role_session_name="upload-server")
        )
    issued = assumed.body.credentials
    return ice_client(rig.ice, issued.access_key_id, issued.access_key_secret, issued.security_token)


def test_an_upload_with_oss2_completes_the_media_and_calls_back_signed(
    rig: UploadRig, credentials: CredentialStore, authorizer: ScriptedAuthorizer, caller_key: AccessKey
) -> None:
    client = assumed_ice_client(rig, credentials, authorizer, caller_key)
    subscribe(client)
    created = create_upload(client, file_info(size=13), user_data=USER_DATA)
    assert len(created.media_id) == 32 and int(created.media_id, 16) >= 0
    auth = decoded(created.upload_auth)
    assert (auth["Expiration"], auth["Region"]) == ("3000", "cn-shanghai")
    assert auth["AccessKeyId"].startswith("STS.") and auth["ExpireUTCTime"].endswith("Z")
    assert (
        client.get_media_info(
            ice_models.GetMediaInfoRequest(media_id=created.media_id)
        ).body.media_info.media_basic_info.status
        == "Uploading"
    )

    bucket, key = upload_bucket(rig, created)
    assert key.endswith(".mp4") and created.media_id in key
    assert bucket.put_object(key, b"thirteen byte").status == 200

    [callback] = rig.receiver.wait_for(1)
    assert callback.path == "/ice-events"
    event = verify(DECLARED_CALLBACK, callback.headers, callback.body, AUTH_KEY)
    assert isinstance(event, FileUploadComplete)
    body = event.MessageBody
    assert (body.Status, body.MediaId, body.Size, body.MediaType) == (
        "Success",
        created.media_id,
        "13",
        "video",
    )
    assert (body.AppId, body.UserData, body.FileUrl) == ("app-1000000", USER_DATA, created.file_url)
    assert event.UserId == int(ACCOUNT)

    info = client.get_media_info(ice_models.GetMediaInfoRequest(media_id=created.media_id)).body.media_info
    basic = info.media_basic_info
    assert (basic.status, basic.media_id, basic.title, basic.media_type) == (
        "Normal", created.media_id, "Holiday", "video"
    )  # fmt: skip
    assert basic.input_url == created.file_url
    [file] = info.file_info_list
    assert (file.file_basic_info.file_size, file.file_basic_info.file_url) == ("13", created.file_url)
    assert file.file_basic_info.file_name == key.rsplit("/", 1)[1]

    asked = [q.action for q in authorizer.questions]
    assert asked == [
        "sts:AssumeRole",
        "ice:SetEventCallback",
        "ice:CreateUploadMedia",
        "ice:GetMediaInfo",
        "ice:GetMediaInfo",
    ]  # the upload credential's OSS request is decided by its grant, not the Authorizer
    [put] = [r for r in rig.oss_records if r.action == "PutObject"]
    assert (put.allowed, put.deciding_statement) == (True, f"UploadAuth of media {created.media_id}")


def test_a_multipart_upload_with_oss_v2_completes_the_media(rig: UploadRig, caller_key: AccessKey) -> None:
    client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
    subscribe(client)
    data = bytes(range(256)) * (PART * 5 // 2 // 256)
    created = create_upload(client, file_info(size=len(data)))
    address, auth = decoded(created.upload_address), decoded(created.upload_auth)
    v2 = oss_v2_client(rig.oss, auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"])
    result = oss.Uploader(v2, part_size=PART).upload_from(
        oss.PutObjectRequest(bucket=address["Bucket"], key=address["FileName"]), io.BytesIO(data)
    )
    assert result.etag.strip('"').endswith("-3")  # three parts: the multipart path
    assert [r.action for r in rig.oss_records].count("UploadPart") == 3

    event = verify(
        DECLARED_CALLBACK, rig.receiver.wait_for(1)[0].headers, rig.receiver.received[0].body, AUTH_KEY
    )
    assert isinstance(event, FileUploadComplete) and event.MessageBody.size_bytes == len(data)
    info = client.get_media_info(ice_models.GetMediaInfoRequest(media_id=created.media_id)).body.media_info
    assert info.media_basic_info.status == "Normal"
    assert info.file_info_list[0].file_basic_info.file_size == str(len(data))


@pytest.mark.parametrize("v4", [False, True], ids=["oss2-v1", "oss2-v4"])
def test_the_upload_credential_reaches_only_its_object(
    rig: UploadRig, caller_key: AccessKey, v4: bool
) -> None:
    client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
    created = create_upload(client, file_info())
    bucket, key = upload_bucket(rig, created, v4=v4)
    elsewhere = [key.rsplit("/", 1)[0] + "/other.mp4", key[: -len("mp4")] + "mov", "sv/another-media.mp4"]
    for other in elsewhere:
        with pytest.raises(oss2.exceptions.AccessDenied) as refused:
            bucket.put_object(other, b"x")
        assert (
            refused.value.details["Reason"]
            == f"the upload credential reaches only {bucket.bucket_name}/{key}"
        )
    auth = decoded(created.upload_auth)
    own = oss2_bucket(
        rig.oss, OWN_BUCKET, auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"]
    )
    with pytest.raises(oss2.exceptions.AccessDenied):
        own.put_object("incoming/clip.mp4", b"x")
    bucket.put_object(key, b"the real upload")
    with pytest.raises(oss2.exceptions.AccessDenied):
        bucket.get_object(key)  # an upload credential writes; it does not read
    reader = oss2_bucket(rig.oss, bucket.bucket_name, caller_key.access_key_id, caller_key.secret)
    assert [reader.object_exists(name) for name in elsewhere] == [False, False, False]


def test_oss_v2_with_the_upload_credential_cannot_write_another_object(
    rig: UploadRig, caller_key: AccessKey
) -> None:
    created = create_upload(ice_client(rig.ice, caller_key.access_key_id, caller_key.secret), file_info())
    address, auth = decoded(created.upload_address), decoded(created.upload_auth)
    v2 = oss_v2_client(rig.oss, auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"])
    with pytest.raises(oss.exceptions.OperationError) as refused:
        v2.put_object(oss.PutObjectRequest(bucket=address["Bucket"], key="sv/not-mine.mp4", body=b"x"))
    error = refused.value.unwrap()
    assert isinstance(error, oss.exceptions.ServiceError)
    assert (error.status_code, error.code) == (403, "AccessDenied")


def test_an_object_larger_than_the_declared_size_is_refused(rig: UploadRig, caller_key: AccessKey) -> None:
    client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
    created = create_upload(client, file_info(size=10))
    bucket, key = upload_bucket(rig, created)
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        bucket.put_object(key, b"eleven byte")
    assert (refused.value.status, refused.value.code) == (400, "EntityTooLarge")
    assert "FileInfo.Size" in refused.value.message

    multipart = create_upload(client, file_info(size=PART + PART // 2))
    bucket, key = upload_bucket(rig, multipart)
    upload_id = bucket.init_multipart_upload(key).upload_id
    parts = [bucket.upload_part(key, upload_id, n, b"p" * PART) for n in (1, 2)]
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        bucket.complete_multipart_upload(
            key, upload_id, [oss2.models.PartInfo(n, p.etag) for n, p in enumerate(parts, start=1)]
        )
    assert refused.value.code == "EntityTooLarge"
    for media_id in (created.media_id, multipart.media_id):
        info = client.get_media_info(ice_models.GetMediaInfoRequest(media_id=media_id)).body.media_info
        assert (info.media_basic_info.status, info.file_info_list) == ("Uploading", [])
    assert rig.events.wait_idle(5) and rig.receiver.received == []


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"file_info": file_info(ext="exe")}, "FileInfo.Ext: 'exe' is not an extension of a video file"),
        (
            {"file_info": file_info(kind="image", ext="mp4")},
            "FileInfo.Ext: 'mp4' is not an extension of an image",
        ),
        ({"file_info": ""}, "FileInfo is required"),
        (
            {"file_info": file_info(), "media_meta_data": '{"Title":"T","BusinessType":"cover"}'},
            "'cover' does not fit FileInfo.Type 'video'",
        ),
        (
            {"file_info": file_info(), "upload_target_config": '{"StorageType":"oss","StorageLocation":"x"}'},
            "UploadTargetConfig.StorageLocation",
        ),
        (
            {
                "file_info": file_info(),
                "upload_target_config": '{"StorageType":"oss","StorageLocation":'
                '"outin-ffff.oss-cn-shanghai.aliyuncs.com"}',
            },
            "is not a storage location of this account",
        ),
        (
            {
                "file_info": file_info(),
                "upload_target_config": '{"StorageType":"oss","StorageLocation":'
                '"outin-ffff.oss-cn-beijing.aliyuncs.com"}',
            },
            "is in cn-beijing, not in this ICE's region cn-shanghai",
        ),
        ({"file_info": file_info(), "app_id": "my-app"}, "is not an ICE AppId"),
        ({"file_info": file_info(), "user_data": '{"Extend":"' + "x" * 1100 + '"}'}, "at most 1024 allowed"),
    ],
    ids=[
        "ext",
        "ext-of-type",
        "no-file-info",
        "business-type",
        "storage",
        "unknown-storage",
        "storage-region",
        "app-id",
        "user-data",
    ],
)
def test_bad_parameters_are_refused_as_ice_refuses_them(
    rig: UploadRig, state: StateDirectory, caller_key: AccessKey, fields: dict[str, str], problem: str
) -> None:
    client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
    request = ice_models.CreateUploadMediaRequest(
        media_meta_data='{"Title":"Holiday","BusinessType":"general"}',
        upload_target_config=json.dumps({"StorageType": "oss", "StorageLocation": STORAGE_LOCATION}),
    )
    for name, value in fields.items():
        setattr(request, name, value)
    with pytest.raises(ClientException) as refused:
        client.create_upload_media(request)
    assert (refused.value.status_code, refused.value.code) == (400, "InvalidParameter")
    assert problem in refused.value.message
    assert refused.value.request_id == rig.ice_records[-1].request_id
    assert state.records("media") == []


def test_create_upload_media_denied_by_the_authorizer(
    rig: UploadRig, caller_key: AccessKey, authorizer: ScriptedAuthorizer
) -> None:
    authorizer.denied_actions.add("ice:CreateUploadMedia")
    with pytest.raises(ClientException) as refused:
        create_upload(ice_client(rig.ice, caller_key.access_key_id, caller_key.secret), file_info())
    assert (refused.value.status_code, refused.value.code) == (403, "Forbidden.RAM")
    assert refused.value.access_denied_detail["AuthAction"] == "ice:CreateUploadMedia"
    question = authorizer.questions[-1]
    assert (question.action, question.resource) == ("ice:CreateUploadMedia", f"acs:ice:*:{ACCOUNT}:*")
    assert question.context.source_ip == "127.0.0.1"


def test_another_account_cannot_read_the_media(
    rig: UploadRig, credentials: CredentialStore, caller_key: AccessKey
) -> None:
    from icekit.sandbox.principals import Principal

    created = create_upload(ice_client(rig.ice, caller_key.access_key_id, caller_key.secret), file_info())
    stranger = credentials.new_access_key(Principal("acs:ram::9999999999999999:user/someone"))
    with pytest.raises(ClientException) as refused:
        ice_client(rig.ice, stranger.access_key_id, stranger.secret).get_media_info(
            ice_models.GetMediaInfoRequest(media_id=created.media_id)
        )
    assert (refused.value.status_code, refused.value.code) == (404, "InvalidMediaId.NotFound")
