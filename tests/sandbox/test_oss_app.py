"""OSS through the official SDKs, unmodified: oss2 (signature V1, its default, and V4) and alibabacloud-oss-v2
(V4, its default, and V1), against the sandbox's OSS on 127.0.0.1."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import alibabacloud_oss_v2 as oss
import oss2
import pytest

from icekit.sandbox.credentials import AccessKey, CredentialStore
from icekit.sandbox.freshness import utc_now
from icekit.sandbox.principals import Principal, role_session_arn
from icekit.sandbox.request_log import RequestRecord
from icekit.sandbox.serving import RunningServer
from tests.sandbox.clients import oss2_bucket, oss_v2_client
from tests.sandbox.conftest import ACCOUNT, CALLER_ARN, OSS_BUCKET, ROLE_ARN
from tests.sandbox.doubles import ScriptedAuthorizer

BUCKET = OSS_BUCKET
KEY = "incoming/clip one+~.mp4"
PART = 100 * 1024  # the smallest part OSS takes (all but the last)


@pytest.mark.parametrize("v4", [False, True], ids=["oss2-v1", "oss2-v4"])
def test_oss2_put_object_is_accepted_and_readable(
    oss_server: RunningServer, caller_key: AccessKey, authorizer: ScriptedAuthorizer, v4: bool
) -> None:
    bucket = oss2_bucket(oss_server, BUCKET, caller_key.access_key_id, caller_key.secret, v4=v4)
    result = bucket.put_object(KEY, b"hello sandbox")
    assert result.status == 200
    assert result.etag == hashlib.md5(b"hello sandbox").hexdigest().upper()
    assert bucket.get_object(KEY).read() == b"hello sandbox"
    assert bucket.head_object(KEY).content_length == len(b"hello sandbox")
    [put, get, head] = authorizer.questions
    assert (put.principal.arn, put.action, put.resource) == (
        CALLER_ARN,
        "oss:PutObject",
        f"acs:oss:*:{ACCOUNT}:{BUCKET}/{KEY}",
    )
    assert (get.action, head.action) == ("oss:GetObject", "oss:GetObject")


@pytest.mark.parametrize("v4", [False, True], ids=["oss2-v1", "oss2-v4"])
def test_oss2_with_a_wrong_secret_is_refused(
    oss_server: RunningServer, caller_key: AccessKey, records: list[RequestRecord], v4: bool
) -> None:
    bucket = oss2_bucket(oss_server, BUCKET, caller_key.access_key_id, "not-the-secret", v4=v4)
    with pytest.raises(oss2.exceptions.SignatureDoesNotMatch) as refused:
        bucket.put_object(KEY, b"x")
    assert refused.value.status == 403
    assert refused.value.request_id == records[-1].request_id
    assert len(refused.value.request_id) == 24
    assert refused.value.details["StringToSign"]
    assert not oss2_bucket(oss_server, BUCKET, caller_key.access_key_id, caller_key.secret).object_exists(KEY)


@pytest.mark.parametrize("v1", [False, True], ids=["oss-v2-v4", "oss-v2-v1"])
def test_oss_v2_put_object_accepted_and_refused(
    oss_server: RunningServer, caller_key: AccessKey, v1: bool
) -> None:
    client = oss_v2_client(oss_server, caller_key.access_key_id, caller_key.secret, v1=v1)
    result = client.put_object(oss.PutObjectRequest(bucket=BUCKET, key=KEY, body=b"v2 body"))
    assert result.status_code == 200
    assert result.etag == '"' + hashlib.md5(b"v2 body").hexdigest().upper() + '"'
    assert client.get_object(oss.GetObjectRequest(bucket=BUCKET, key=KEY)).body.read() == b"v2 body"

    wrong = oss_v2_client(oss_server, caller_key.access_key_id, "not-the-secret", v1=v1)
    with pytest.raises(oss.exceptions.OperationError) as refused:
        wrong.put_object(oss.PutObjectRequest(bucket=BUCKET, key=KEY, body=b"other"))
    error = refused.value.unwrap()
    assert isinstance(error, oss.exceptions.ServiceError)
    assert (error.status_code, error.code) == (403, "SignatureDoesNotMatch")
    assert len(error.request_id) == 24


def test_oss_v2_multipart_upload(oss_server: RunningServer, caller_key: AccessKey) -> None:
    client = oss_v2_client(oss_server, caller_key.access_key_id, caller_key.secret)
    data = bytes(range(256)) * (PART * 2 // 256) + b"tail"
    init = client.initiate_multipart_upload(oss.InitiateMultipartUploadRequest(bucket=BUCKET, key=KEY))
    assert init.key == KEY  # the SDK asks for encoding-type=url and decodes the key back
    parts = []
    for number, start in enumerate(range(0, len(data), PART), start=1):
        chunk = data[start : start + PART]
        uploaded = client.upload_part(
            oss.UploadPartRequest(
                bucket=BUCKET, key=KEY, upload_id=init.upload_id, part_number=number, body=chunk
            )
        )
        parts.append(oss.UploadPart(part_number=number, etag=uploaded.etag))
    done = client.complete_multipart_upload(
        oss.CompleteMultipartUploadRequest(
            bucket=BUCKET,
            key=KEY,
            upload_id=init.upload_id,
            complete_multipart_upload=oss.CompleteMultipartUpload(parts=parts),
        )
    )
    assert done.key == KEY
    assert done.etag.strip('"').endswith("-3")
    head = client.head_object(oss.HeadObjectRequest(bucket=BUCKET, key=KEY))
    assert (head.content_length, head.object_type) == (len(data), "Multipart")
    assert client.get_object(oss.GetObjectRequest(bucket=BUCKET, key=KEY)).body.read() == data


def test_oss2_multipart_upload_and_abort(oss_server: RunningServer, caller_key: AccessKey) -> None:
    bucket = oss2_bucket(oss_server, BUCKET, caller_key.access_key_id, caller_key.secret)
    upload_id = bucket.init_multipart_upload(KEY).upload_id
    first = bucket.upload_part(KEY, upload_id, 1, b"a" * PART)
    second = bucket.upload_part(KEY, upload_id, 2, b"b")
    bucket.complete_multipart_upload(
        KEY, upload_id, [oss2.models.PartInfo(1, first.etag), oss2.models.PartInfo(2, second.etag)]
    )
    assert bucket.get_object(KEY).read() == b"a" * PART + b"b"

    aborted = bucket.init_multipart_upload("incoming/abandoned.mp4").upload_id
    bucket.upload_part("incoming/abandoned.mp4", aborted, 1, b"x")
    bucket.abort_multipart_upload("incoming/abandoned.mp4", aborted)
    with pytest.raises(oss2.exceptions.NoSuchUpload):
        bucket.upload_part("incoming/abandoned.mp4", aborted, 2, b"y")


def test_a_small_part_before_the_last_is_refused(oss_server: RunningServer, caller_key: AccessKey) -> None:
    bucket = oss2_bucket(oss_server, BUCKET, caller_key.access_key_id, caller_key.secret)
    upload_id = bucket.init_multipart_upload(KEY).upload_id
    first = bucket.upload_part(KEY, upload_id, 1, b"small")
    second = bucket.upload_part(KEY, upload_id, 2, b"last")
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        bucket.complete_multipart_upload(
            KEY, upload_id, [oss2.models.PartInfo(1, first.etag), oss2.models.PartInfo(2, second.etag)]
        )
    assert refused.value.code == "EntityTooSmall"
    assert not bucket.object_exists(KEY)


def test_denied_by_the_authorizer_and_the_object_stays_unwritten(
    oss_server: RunningServer,
    caller_key: AccessKey,
    authorizer: ScriptedAuthorizer,
    records: list[RequestRecord],
) -> None:
    authorizer.denied_actions.add("oss:PutObject")
    bucket = oss2_bucket(oss_server, BUCKET, caller_key.access_key_id, caller_key.secret)
    with pytest.raises(oss2.exceptions.AccessDenied) as refused:
        bucket.put_object(KEY, b"x")
    assert refused.value.details["Reason"] == "no statement allows oss:PutObject"
    assert (records[-1].allowed, records[-1].code) == (False, "AccessDenied")
    authorizer.denied_actions.clear()
    assert not bucket.object_exists(KEY)


def test_head_errors_carry_the_code_in_x_oss_err(oss_server: RunningServer, caller_key: AccessKey) -> None:
    client = oss_v2_client(oss_server, caller_key.access_key_id, caller_key.secret)
    with pytest.raises(oss.exceptions.OperationError) as refused:
        client.head_object(oss.HeadObjectRequest(bucket=BUCKET, key="incoming/missing.mp4"))
    error = refused.value.unwrap()
    assert isinstance(error, oss.exceptions.ServiceError)
    assert (error.status_code, error.code) == (404, "NoSuchKey")


def test_an_unknown_bucket_is_refused(oss_server: RunningServer, caller_key: AccessKey) -> None:
    bucket = oss2_bucket(oss_server, "someone-elses-bucket", caller_key.access_key_id, caller_key.secret)
    with pytest.raises(oss2.exceptions.NoSuchBucket):
        bucket.put_object(KEY, b"x")


def test_a_content_md5_mismatch_keeps_nothing(oss_server: RunningServer, caller_key: AccessKey) -> None:
    bucket = oss2_bucket(oss_server, BUCKET, caller_key.access_key_id, caller_key.secret)
    wrong_md5 = oss2.utils.content_md5(b"something else")
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        bucket.put_object(KEY, b"the body", headers={"Content-MD5": wrong_md5})
    assert refused.value.code == "BadDigest"
    assert not bucket.object_exists(KEY)


def _put(kind: str, server: RunningServer, key_id: str, secret: str, token: str | None) -> None:
    if kind.startswith("oss2"):
        oss2_bucket(server, BUCKET, key_id, secret, token, v4=kind == "oss2-v4").put_object(KEY, b"x")
    else:
        client = oss_v2_client(server, key_id, secret, token, v1=kind == "oss-v2-v1")
        client.put_object(oss.PutObjectRequest(bucket=BUCKET, key=KEY, body=b"x"))


@pytest.mark.parametrize("kind", ["oss2-v1", "oss2-v4", "oss-v2-v4", "oss-v2-v1"])
def test_a_role_session_signs_with_its_security_token(
    oss_server: RunningServer, credentials: CredentialStore, authorizer: ScriptedAuthorizer, kind: str
) -> None:
    principal = Principal(role_session_arn(ROLE_ARN, "upload"), ROLE_ARN, "upload")
    session = credentials.issue_temporary(principal, timedelta(hours=1), utc_now())
    _put(kind, oss_server, session.access_key_id, session.secret, session.security_token)
    assert authorizer.questions[-1].principal == principal

    with pytest.raises((oss2.exceptions.OssError, oss.exceptions.OperationError)) as refused:
        _put(kind, oss_server, session.access_key_id, session.secret, None)
    error = (
        refused.value.unwrap() if isinstance(refused.value, oss.exceptions.OperationError) else refused.value
    )
    assert error.code == "InvalidAccessKeyId"
