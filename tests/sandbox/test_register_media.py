"""RegisterMediaInfo for own-bucket apps with the official SDKs: the object is written with oss2, registered
by its InputURL, and read back with GetMediaInfo; a missing object, a wrong type and a second registration
are refused as ICE refuses them."""

from __future__ import annotations

from typing import Any

import pytest
from alibabacloud_ice20201109 import models as ice_models
from alibabacloud_tea_openapi.exceptions import ClientException

from icekit.sandbox.credentials import AccessKey
from tests.sandbox.clients import ice_client, oss2_bucket
from tests.sandbox.doubles import ScriptedAuthorizer
from tests.sandbox.upload_rig import OWN_BUCKET, UploadRig

KEY = "incoming/team a/clip.mp4"


@pytest.fixture
def client(rig: UploadRig, caller_key: AccessKey) -> Any:
    oss2_bucket(rig.oss, OWN_BUCKET, caller_key.access_key_id, caller_key.secret).put_object(
        KEY, b"own bucket"
    )
    return ice_client(rig.ice, caller_key.access_key_id, caller_key.secret)


def register(client: Any, input_url: str, **fields: Any) -> str:
    request = ice_models.RegisterMediaInfoRequest(input_url=input_url, **fields)
    return str(client.register_media_info(request).body.media_id)


def test_an_existing_object_is_registered_and_readable(client: Any, authorizer: ScriptedAuthorizer) -> None:
    media_id = register(client, f"oss://{OWN_BUCKET}/{KEY}", title="From my bucket", media_tags="a,b")
    assert len(media_id) == 32
    by_id = client.get_media_info(ice_models.GetMediaInfoRequest(media_id=media_id)).body.media_info
    basic = by_id.media_basic_info
    assert (basic.status, basic.media_type, basic.business_type, basic.source) == (
        "Normal",
        "video",
        "general",
        "oss",
    )
    assert (basic.title, basic.media_tags, basic.input_url) == (
        "From my bucket",
        "a,b",
        f"oss://{OWN_BUCKET}/{KEY}",
    )
    assert by_id.file_info_list[0].file_basic_info.file_size == str(len(b"own bucket"))
    by_url = client.get_media_info(ice_models.GetMediaInfoRequest(input_url=f"oss://{OWN_BUCKET}/{KEY}"))
    assert by_url.body.media_info.media_id == media_id
    assert authorizer.questions[-2].action == "ice:GetMediaInfo"
    assert "ice:RegisterMediaInfo" in [q.action for q in authorizer.questions]


def test_the_https_form_of_the_input_url(client: Any) -> None:
    url = f"https://{OWN_BUCKET}.oss-cn-shanghai.aliyuncs.com/incoming/team%20a/clip.mp4"
    media_id = register(client, url, media_type="video", business_type="opening")
    basic = client.get_media_info(
        ice_models.GetMediaInfoRequest(media_id=media_id)
    ).body.media_info.media_basic_info
    assert (basic.input_url, basic.business_type) == (url, "opening")


def test_a_missing_object_is_refused(client: Any) -> None:
    with pytest.raises(ClientException) as refused:
        register(client, f"oss://{OWN_BUCKET}/incoming/missing.mp4")
    assert (refused.value.status_code, refused.value.code) == (404, "InvalidInputURL.NotFound")
    assert "incoming/missing.mp4" in refused.value.message


@pytest.mark.parametrize(
    ("input_url", "fields", "problem"),
    [
        (f"oss://{OWN_BUCKET}/{KEY}", {"media_type": "image"}, "is not one of the image formats"),
        (
            f"oss://{OWN_BUCKET}/{KEY}",
            {"business_type": "cover"},
            "'cover' does not fit FileInfo.Type 'video'",
        ),
        (f"oss://{OWN_BUCKET}/{KEY}", {"title": "x" * 129}, "Title is 129 bytes"),
        (f"https://{OWN_BUCKET}.oss-cn-beijing.aliyuncs.com/{KEY}", {}, "is not an OSS URL of cn-shanghai"),
        ("vod://0123", {}, "registers OSS objects only"),
    ],
    ids=["type-of-extension", "business-type", "title-bytes", "other-region", "vod"],
)
def test_bad_registrations_are_refused(
    client: Any, input_url: str, fields: dict[str, str], problem: str
) -> None:
    with pytest.raises(ClientException) as refused:
        register(client, input_url, **fields)
    assert (refused.value.status_code, refused.value.code) == (400, "InvalidParameter")
    assert problem in refused.value.message


def test_a_registered_url_is_refused_unless_overwritten(client: Any) -> None:
    url = f"oss://{OWN_BUCKET}/{KEY}"
    first = register(client, url)
    with pytest.raises(ClientException) as refused:
        register(client, url)
    assert f"registered already as media {first}" in refused.value.message
    second = register(client, url, overwrite=True)
    assert second != first
    with pytest.raises(ClientException) as gone:
        client.get_media_info(ice_models.GetMediaInfoRequest(media_id=first))
    assert gone.value.code == "InvalidMediaId.NotFound"


def test_a_registered_media_has_no_upload_credential_to_refresh(client: Any) -> None:
    media_id = register(client, f"oss://{OWN_BUCKET}/{KEY}")
    with pytest.raises(ClientException) as refused:
        client.refresh_upload_media(ice_models.RefreshUploadMediaRequest(media_id=media_id))
    assert "RefreshUploadMedia renews upload credentials only" in refused.value.message
