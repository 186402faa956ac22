"""RefreshUploadMedia and credential expiry with the official SDKs: a video's credential is renewed for the
same address, an image's is not (as ICE); a credential that expires in the middle of a multipart upload is
refused, and the upload finishes with the refreshed one. The sandbox's clock is moved forward, not waited."""

from __future__ import annotations

import oss2
import pytest
from alibabacloud_ice20201109 import models as ice_models
from alibabacloud_tea_openapi.exceptions import ClientException

from icekit.callbacks import verify
from icekit.callbacks.events import FileUploadComplete
from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.state import StateDirectory
from tests.sandbox.clients import ice_client, oss2_bucket
from tests.sandbox.doubles import ScriptedAuthorizer
from tests.sandbox.test_ice_upload import AUTH_KEY, PART, create_upload, file_info, subscribe, upload_bucket
from tests.sandbox.upload_rig import DECLARED_CALLBACK, UploadRig, decoded, upload_rig

LIFETIME = 600  # seconds: short enough to pass within the 15-minute window signed requests are valid in


@pytest.fixture
def upload_credential_seconds() -> int:
    return LIFETIME


def refresh(client: object, media_id: str) -> ice_models.RefreshUploadMediaResponseBody:
    request = ice_models.RefreshUploadMediaRequest(media_id=media_id)
    return client.refresh_upload_media(request).body  # type: ignore[attr-defined, no-any-return]


def test_refresh_renews_a_video_credential_for_the_same_address(
    rig: UploadRig, caller_key: AccessKey
) -> None:
    client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
    created = create_upload(client, file_info())
    renewed = refresh(client, created.media_id)
    assert renewed.media_id == created.media_id
    assert decoded(renewed.upload_address) == decoded(created.upload_address)
    old, new = decoded(created.upload_auth), decoded(renewed.upload_auth)
    assert old["AccessKeyId"] != new["AccessKeyId"] and new["Expiration"] == str(LIFETIME)
    assert new["ExpireUTCTime"] >= old["ExpireUTCTime"]
    bucket, key = upload_bucket(rig, created)
    bucket.put_object(key, b"old credential, still valid until it expires")
    bucket, key = upload_bucket(rig, renewed)
    bucket.put_object(key, b"new credential")
    assert [r.action for r in rig.ice_records] == ["CreateUploadMedia", "RefreshUploadMedia"]


@pytest.mark.parametrize(("kind", "ext"), [("image", "png"), ("text", "srt"), ("other", "bin")])
def test_refresh_refuses_images_and_auxiliary_files(
    rig: UploadRig, caller_key: AccessKey, kind: str, ext: str
) -> None:
    client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
    business = {"image": "cover", "text": "subtitles", "other": "general"}[kind]
    created = create_upload(
        client, file_info(kind=kind, ext=ext), media_meta_data=f'{{"Title":"T","BusinessType":"{business}"}}'
    )
    with pytest.raises(ClientException) as refused:
        refresh(client, created.media_id)
    assert (refused.value.status_code, refused.value.code) == (400, "InvalidParameter")
    assert "audio and video uploads only" in refused.value.message
    assert f"is {kind}: call CreateUploadMedia" in refused.value.message


def test_refresh_of_an_unknown_media(rig: UploadRig, caller_key: AccessKey) -> None:
    client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
    with pytest.raises(ClientException) as refused:
        refresh(client, "0" * 32)
    assert (refused.value.status_code, refused.value.code) == (404, "InvalidMediaId.NotFound")


def test_expiry_in_the_middle_of_a_multipart_upload_then_refresh_and_finish(
    rig: UploadRig, caller_key: AccessKey
) -> None:
    client = ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)
    subscribe(client)
    created = create_upload(client, file_info(ext="MOV"))
    bucket, key = upload_bucket(rig, created, v4=True)
    assert key.endswith(".mov")
    upload_id = bucket.init_multipart_upload(key).upload_id
    first = bucket.upload_part(key, upload_id, 1, b"a" * PART)

    rig.clock.advance(LIFETIME + 1)
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        bucket.upload_part(key, upload_id, 2, b"b" * 10)
    assert (refused.value.status, refused.value.code) == (403, "SecurityTokenExpired")

    renewed = refresh(client, created.media_id)
    bucket, same_key = upload_bucket(rig, renewed, v4=True)
    assert same_key == key
    second = bucket.upload_part(key, upload_id, 2, b"b" * 10)
    bucket.complete_multipart_upload(
        key, upload_id, [oss2.models.PartInfo(1, first.etag), oss2.models.PartInfo(2, second.etag)]
    )
    [callback] = rig.receiver.wait_for(1)
    # ICE signs with its own clock, the sandbox's: a receiver in the same (moved) time verifies it.
    event = verify(DECLARED_CALLBACK, callback.headers, callback.body, AUTH_KEY, now=rig.clock().timestamp())
    assert isinstance(event, FileUploadComplete)
    assert (event.MessageBody.MediaId, event.MessageBody.Size) == (created.media_id, str(PART + 10))
    info = client.get_media_info(ice_models.GetMediaInfoRequest(media_id=created.media_id)).body.media_info
    assert info.media_basic_info.status == "Normal"

    old = decoded(created.upload_auth)
    expired = oss2_bucket(
        rig.oss, bucket.bucket_name, old["AccessKeyId"], old["AccessKeySecret"], old["SecurityToken"]
    )
    with pytest.raises(oss2.exceptions.ServerError) as still_refused:
        expired.put_object(key, b"too late")
    assert still_refused.value.code == "SecurityTokenExpired"


def test_uploads_survive_a_restart(
    state: StateDirectory, credentials: CredentialStore, authorizer: ScriptedAuthorizer, caller_key: AccessKey
) -> None:
    with upload_rig(state, credentials, authorizer) as first:
        created = create_upload(
            ice_client(first.ice, caller_key.access_key_id, caller_key.secret), file_info()
        )
    restarted = CredentialStore(StateDirectory(state.root))
    restarted.add_access_key(caller_key)
    with upload_rig(StateDirectory(state.root), restarted, authorizer) as second:
        address, auth = decoded(created.upload_address), decoded(created.upload_auth)
        bucket = oss2_bucket(
            second.oss, address["Bucket"], auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"]
        )
        bucket.put_object(address["FileName"], b"after the restart")  # the grant is rebuilt from the record
        client = ice_client(second.ice, caller_key.access_key_id, caller_key.secret)
        info = client.get_media_info(
            ice_models.GetMediaInfoRequest(media_id=created.media_id)
        ).body.media_info
    assert info.media_basic_info.status == "Normal"
    assert info.file_info_list[0].file_basic_info.file_size == str(len(b"after the restart"))
