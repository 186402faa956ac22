"""`icekit sandbox dev` end to end, with the official SDKs only, for each bundled app of the dev stack: assume
the app's role with the principal keys of the ready file, create the upload with the rendered request, upload
with oss2 and with alibabacloud-oss-v2 (multipart above the part size), receive the signed callback at a local
receiver, read the media with GetMediaInfo; own-bucket apps write with OSS and call RegisterMediaInfo. Then
what the stack's policies and rules refuse.

One sandbox serves the whole module (in a thread: planning costs seconds). It runs the dev stack with the
upload event spelt as ICE spells it (verb_rig.corrected_stack); test_verb_process.py runs it as bundled.
The dev policies require acs:SecureTransport (and batch-import acs:SourceIp 10.20.0.0/16), so the sandbox
rehearses that network: --secure-transport --source-ip 10.20.0.7."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import alibabacloud_oss_v2 as oss
import oss2
import pytest
from alibabacloud_ice20201109 import models as ice_models
from alibabacloud_tea_openapi.exceptions import ClientException

from icekit.callbacks import verify
from icekit.callbacks.events import FileUploadComplete
from icekit.plan import run_plan
from icekit.sandbox.runner import SandboxOptions
from icekit.sandbox.serving import RunningServer, running_server
from tests.sandbox.clients import ice_client, ice_rpc_params, oss2_bucket, oss_v2_client, sts_client
from tests.sandbox.conftest import ACCOUNT
from tests.sandbox.upload_rig import CallbackReceiver, decoded
from tests.sandbox.verb_rig import (
    QUICK_RULES,
    REPO,
    Sandbox,
    callback_for,
    corrected_stack,
    sandbox_thread,
    vod_upload_request,
)

HOOKS_KEY = "DevHooksKey2024abc"
PART = 100 * 1024  # the smallest part OSS takes


@pytest.fixture(scope="module")
def receiver() -> Iterator[tuple[CallbackReceiver, RunningServer]]:
    local = CallbackReceiver()
    with running_server(local) as server:
        yield local, server


@pytest.fixture(scope="module")
def stack_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corrected_stack(tmp_path_factory.mktemp("stack"), "dev")


@pytest.fixture(scope="module")
def configs(stack_file: Path) -> dict[str, dict[str, Any]]:
    """The rendered client configurations of the dev stack (what `icekit plan`/`render` write)."""
    return run_plan(str(stack_file), REPO).clientConfigs


@pytest.fixture(scope="module")
def sandbox(
    tmp_path_factory: pytest.TempPathFactory,
    stack_file: Path,
    receiver: tuple[CallbackReceiver, RunningServer],
) -> Iterator[Sandbox]:
    options = SandboxOptions(
        callback_urls={"hooks": f"{receiver[1].url}/ice"},
        callback_keys={"hooks": HOOKS_KEY},
        source_ip="10.20.0.7",
        secure_transport=True,
        delivery_rules=QUICK_RULES,
    )
    with sandbox_thread(stack_file, tmp_path_factory.mktemp("sandbox"), options) as running:
        yield running


SessionKeys = tuple[str, str, str]  # an STS session: key id, secret, security token, as the clients take them


def upload_session(created: Any, sandbox: Sandbox) -> tuple[dict[str, Any], SessionKeys]:
    """A created upload's UploadAddress (at the sandbox's OSS) and the session keys of its UploadAuth."""
    address, auth = decoded(created.upload_address), decoded(created.upload_auth)
    assert address["Endpoint"] == sandbox.ready["endpoints"]["oss"]
    return address, (auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"])


def upload_bucket(created: Any, sandbox: Sandbox) -> tuple[dict[str, Any], SessionKeys, Any]:
    """A created upload's address, its session keys, and an oss2 bucket signed with them."""
    address, keys = upload_session(created, sandbox)
    return address, keys, oss2_bucket(sandbox.served("oss"), address["Bucket"], *keys)


def test_the_ready_file_has_the_issue_s_shape(sandbox: Sandbox) -> None:
    ready = sandbox.ready
    assert sorted(ready) == ["callbackKeys", "endpoints", "principals", "region"]
    assert sorted(ready["endpoints"]) == ["ice", "oss", "sts"]
    assert all(url.startswith("http://127.0.0.1:") for url in ready["endpoints"].values())
    assert ready["region"] == "cn-shanghai"
    assert [p["arn"] for p in ready["principals"]] == [
        f"acs:ram::{ACCOUNT}:role/{name}" for name in ("batch-runner", "cms-web", "mobile-backend")
    ]
    assert all(sorted(p) == ["accessKeyId", "accessKeySecret", "arn"] for p in ready["principals"])
    assert ready["callbackKeys"] == {"hooks": HOOKS_KEY}  # uploads-queue is MNS: no key


def test_mobile_video_uploads_with_oss2_and_oss_v2_and_is_called_back_signed(
    sandbox: Sandbox, configs: dict[str, dict[str, Any]], receiver: tuple[CallbackReceiver, RunningServer]
) -> None:
    config = configs["mobile-video"]
    client = sandbox.role_ice("role/mobile-backend", config["roleArn"])
    small = client.create_upload_media(
        vod_upload_request(config, {"Type": "video", "Name": "clip", "Ext": "mp4", "Size": 11})
    ).body
    address, _, bucket = upload_bucket(small, sandbox)
    assert bucket.put_object(address["FileName"], b"eleven byte").status == 200

    data = bytes(range(256)) * (PART * 5 // 2 // 256)
    large = client.create_upload_media(
        vod_upload_request(config, {"Type": "video", "Name": "long", "Ext": "mov", "Size": len(data)})
    ).body
    address, keys = upload_session(large, sandbox)
    v2 = oss_v2_client(sandbox.served("oss"), *keys)
    result = oss.Uploader(v2, part_size=PART).upload_from(
        oss.PutObjectRequest(bucket=address["Bucket"], key=address["FileName"]), io.BytesIO(data)
    )
    assert result.etag.strip('"').endswith("-3")  # three parts: the multipart path

    hooks_url = json.loads(config["request"]["UserData"])["MessageCallback"]["CallbackURL"]
    for created, size in ((small, 11), (large, len(data))):
        received = callback_for(receiver[0], created.media_id)
        event = verify(hooks_url, received.headers, received.body, HOOKS_KEY)
        assert isinstance(event, FileUploadComplete)
        assert (event.MessageBody.MediaId, event.MessageBody.size_bytes) == (created.media_id, size)
        info = client.get_media_info(ice_models.GetMediaInfoRequest(media_id=created.media_id)).body
        assert info.media_info.media_basic_info.status == "Normal"
        assert info.media_info.file_info_list[0].file_basic_info.file_size == str(size)
    log = sandbox.log.text()
    assert "sts AssumeRole 200 OK by acs:ram::1234567890123456:role/mobile-backend" in log
    assert "allowed by icekit-dev-mobile-video trust policy Statement[0]" in log
    assert (
        "ice CreateUploadMedia 200 OK" in log
        and "allowed by icekit-dev-mobile-video-upload Statement[0]" in log
    )


def test_cms_assets_uploads_an_image_and_a_subtitle(
    sandbox: Sandbox, configs: dict[str, dict[str, Any]]
) -> None:
    config = configs["cms-assets"]
    client = sandbox.role_ice("role/cms-web", config["roleArn"])
    image = client.create_upload_media(
        vod_upload_request(config, {"Type": "image", "Name": "cover", "Ext": "png"})
    ).body
    address, _, bucket = upload_bucket(image, sandbox)
    bucket.put_object(address["FileName"], b"\x89PNG")
    subtitle = client.create_upload_media(
        vod_upload_request(config, {"Type": "text", "Name": "subs", "Ext": "srt"})
    ).body
    address, keys = upload_session(subtitle, sandbox)
    v2 = oss_v2_client(sandbox.served("oss"), *keys)
    v2.put_object(oss.PutObjectRequest(bucket=address["Bucket"], key=address["FileName"], body=b"1\n00:00"))
    for created in (image, subtitle):
        info = client.get_media_info(ice_models.GetMediaInfoRequest(media_id=created.media_id)).body
        assert info.media_info.media_basic_info.status == "Normal"


def own_bucket_session(sandbox: Sandbox, config: dict[str, Any]) -> tuple[SessionKeys, Any, Any]:
    """batch-runner's session in batch-import's role: its keys, an ICE client and an oss2 bucket of the
    app's own bucket, both signed with them."""
    issued = sandbox.assume("role/batch-runner", config["roleArn"])
    keys = (issued.access_key_id, issued.access_key_secret, issued.security_token)
    ice = ice_client(sandbox.served("ice"), *keys)
    return keys, ice, oss2_bucket(sandbox.served("oss"), config["ownBucket"]["bucket"], *keys)


def test_batch_import_writes_its_own_bucket_and_registers(
    sandbox: Sandbox, configs: dict[str, dict[str, Any]]
) -> None:
    config = configs["batch-import"]
    own = config["ownBucket"]
    keys, ice, bucket = own_bucket_session(sandbox, config)
    bucket.put_object(f"{own['prefix']}night/a.mp4", b"archive footage")
    data = b"m" * (PART * 5 // 2)
    v2 = oss_v2_client(sandbox.served("oss"), *keys)
    oss.Uploader(v2, part_size=PART).upload_from(
        oss.PutObjectRequest(bucket=own["bucket"], key=f"{own['prefix']}night/b.mov"), io.BytesIO(data)
    )
    for name, size in (("a.mp4", 15), ("b.mov", len(data))):
        input_url = f"oss://{own['bucket']}/{own['prefix']}night/{name}"
        registered = ice.register_media_info(ice_models.RegisterMediaInfoRequest(input_url=input_url)).body
        info = ice.get_media_info(
            ice_models.GetMediaInfoRequest(media_id=registered.media_id)
        ).body.media_info
        assert (info.media_basic_info.status, info.media_basic_info.input_url) == ("Normal", input_url)
        assert info.file_info_list[0].file_basic_info.file_size == str(size)


def test_own_bucket_writes_outside_the_prefix_or_the_rules_are_refused(
    sandbox: Sandbox, configs: dict[str, dict[str, Any]]
) -> None:
    config = configs["batch-import"]
    own = config["ownBucket"]
    _, ice, bucket = own_bucket_session(sandbox, config)
    with pytest.raises(oss2.exceptions.AccessDenied) as refused:
        bucket.put_object("elsewhere/a.mp4", b"x")
    assert refused.value.details["AuthAction"] == "oss:PutObject"
    with pytest.raises(oss2.exceptions.ServerError) as refused_ext:
        bucket.put_object(f"{own['prefix']}a.avi", b"x")
    assert (refused_ext.value.status, refused_ext.value.code) == (400, "InvalidArgument")
    assert "'avi'" in refused_ext.value.message and "batch-import" in refused_ext.value.message
    with pytest.raises(ClientException) as not_own:
        ice.register_media_info(
            ice_models.RegisterMediaInfoRequest(input_url=f"oss://{own['bucket']}/other/a.mp4")
        )
    assert (not_own.value.status_code, not_own.value.code) == (403, "Forbidden.RAM")
    assert not_own.value.access_denied_detail["AuthAction"] == "oss:PutObject"


def test_an_untrusted_principal_cannot_assume_the_role(
    sandbox: Sandbox, configs: dict[str, dict[str, Any]]
) -> None:
    with pytest.raises(ClientException) as refused:
        sandbox.assume("role/cms-web", configs["mobile-video"]["roleArn"])
    assert (refused.value.status_code, refused.value.code) == (403, "NoPermission")
    assert "trust policy of" in refused.value.access_denied_detail["Reason"]


def test_a_wrong_secret_is_refused(sandbox: Sandbox, configs: dict[str, dict[str, Any]]) -> None:
    from alibabacloud_sts20150401 import models as sts_models

    caller = sandbox.principal("role/mobile-backend")
    client = sts_client(sandbox.served("sts"), caller["accessKeyId"], caller["accessKeySecret"] + "x")
    with pytest.raises(ClientException) as refused:
        client.assume_role(
            sts_models.AssumeRoleRequest(role_arn=configs["mobile-video"]["roleArn"], role_session_name="x-y")
        )
    assert (refused.value.status_code, refused.value.code) == (400, "SignatureDoesNotMatch")


def test_the_role_cannot_call_an_action_its_policy_does_not_grant(
    sandbox: Sandbox, configs: dict[str, dict[str, Any]]
) -> None:
    from alibabacloud_tea_openapi import utils_models
    from alibabacloud_tea_util.models import RuntimeOptions

    client = sandbox.role_ice("role/mobile-backend", configs["mobile-video"]["roleArn"])
    with pytest.raises(ClientException) as refused:
        client.call_api(
            ice_rpc_params("DeleteMediaInfos"),
            utils_models.OpenApiRequest(query={"MediaIds": "0" * 32}),
            RuntimeOptions(),
        )
    assert (refused.value.status_code, refused.value.code) == (403, "Forbidden.RAM")
    assert refused.value.access_denied_detail["AuthAction"] == "ice:DeleteMediaInfos"
    with pytest.raises(ClientException) as no_callback:
        client.get_event_callback()
    assert no_callback.value.code == "Forbidden.RAM"


def test_the_upload_credential_cannot_write_another_object(
    sandbox: Sandbox, configs: dict[str, dict[str, Any]]
) -> None:
    config = configs["mobile-video"]
    client = sandbox.role_ice("role/mobile-backend", config["roleArn"])
    created = client.create_upload_media(
        vod_upload_request(config, {"Type": "video", "Name": "clip", "Ext": "mp4"})
    ).body
    _, _, bucket = upload_bucket(created, sandbox)
    with pytest.raises(oss2.exceptions.AccessDenied):
        bucket.put_object("sv/someone-else.mp4", b"x")


@pytest.mark.parametrize(("ext", "kind"), [("mkv", "video"), ("png", "image")])
def test_an_extension_or_type_outside_the_app_s_rules_is_refused(
    sandbox: Sandbox, configs: dict[str, dict[str, Any]], ext: str, kind: str
) -> None:
    config = configs["mobile-video"]
    client = sandbox.role_ice("role/mobile-backend", config["roleArn"])
    with pytest.raises(ClientException) as refused:
        client.create_upload_media(vod_upload_request(config, {"Type": kind, "Name": "clip", "Ext": ext}))
    assert (refused.value.status_code, refused.value.code) == (400, "InvalidParameter")
    assert "mobile-video" in refused.value.message
