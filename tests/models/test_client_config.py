from __future__ import annotations

import json
from typing import Any

import pytest

from icekit.clientconfig import (
    ClientConfig,
    OwnBucketClientConfig,
    VodClientConfig,
    parse_stack_outputs,
)
from icekit.errors import UserInputError
from icekit.models import InvalidDocumentError
from tests.models.samples import client_config_data, own_bucket_config_data, stack_outputs_data

OWN_BUCKET_TARGET = '{"StorageType":"oss","StorageLocation":"b.oss-cn-shanghai.aliyuncs.com"}'
UPLOAD_TARGET = '{"StorageType":"oss","StorageLocation":"outin-1.oss-cn-shanghai.aliyuncs.com"}'
BEIJING_TARGET = '{"StorageType":"oss","StorageLocation":"outin-1.oss-cn-beijing.aliyuncs.com"}'


def _problems(data: Any) -> list[str]:
    with pytest.raises(InvalidDocumentError) as caught:
        ClientConfig.from_data(data)
    return [str(p) for p in caught.value.problems]


def test_contract_example_is_valid_and_its_document_round_trips() -> None:
    config = ClientConfig.from_data(client_config_data())
    assert config.to_data() == client_config_data()
    assert ClientConfig.from_json(config.to_json()) == config
    assert list(config.to_data()) == list(client_config_data())


def test_empty_request_keys_are_omitted_and_other_nulls_kept() -> None:
    config = ClientConfig.from_data(client_config_data(request={}, callback=None, entityId=None))
    data = config.to_data()
    assert data["request"] == {}
    assert data["callback"] is None and data["entityId"] is None


def test_lists_are_normalised_sorted() -> None:
    config = ClientConfig.from_data(
        client_config_data(
            allowedActions=["ice:GetMediaInfo", "ice:CreateUploadMedia"],
            fileRules=[
                {"type": "video", "extensions": ["MP4", "mov"], "maxSizeBytes": None},
                {"type": "audio", "extensions": ["mp3"], "maxSizeBytes": None},
            ],
        )
    )
    assert config.allowedActions == ["ice:CreateUploadMedia", "ice:GetMediaInfo"]
    assert [r.type for r in config.fileRules] == ["audio", "video"]
    assert config.fileRules[1].extensions == ["mov", "mp4"]


def test_request_wire_strings_are_checked_by_the_snippet_models_and_canonicalised() -> None:
    spaced = '{ "ProcessType": "Workflow", "ProcessID": "abc" }'
    config = ClientConfig.from_data(client_config_data(postProcessConfigs={"video": spaced}))
    assert isinstance(config, VodClientConfig)
    assert config.postProcessConfigs["video"] == '{"ProcessType":"Workflow","ProcessID":"abc"}'


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"version": "3"}, "version: '3' is not allowed (allowed: '1' or '2'"),
        ({"unknown": 1}, "unknown: is not a key this object takes"),
        ({"region": "cn-hangzhou"}, "region: 'cn-hangzhou' is not allowed"),
        (
            {"endpoint": "ice.cn-beijing.aliyuncs.com"},
            "endpoint: 'ice.cn-beijing.aliyuncs.com' is not the endpoint",
        ),
        (
            {"roleArn": "arn:aws:iam::1:role/x"},
            "roleArn: 'arn:aws:iam::1:role/x' does not have the required form",
        ),
        ({"appId": "1000000"}, "appId: '1000000' is not an ICE AppId"),
        ({"entityId": "xyz"}, "entityId: 'xyz' is not an ICE EntityId"),
        ({"allowedActions": ["ice:GetMediaInfo"]}, "allowedActions: must include ice:CreateUploadMedia"),
        (
            {"allowedActions": ["oss:PutObject", "ice:CreateUploadMedia"]},
            "allowedActions[0]: 'oss:PutObject'",
        ),
        ({"credentialValiditySeconds": 0}, "credentialValiditySeconds: must be greater than 0"),
        ({"app": "../evil"}, "app: '../evil' does not have the required form"),
        (
            {"request": {"UploadTargetConfig": OWN_BUCKET_TARGET}},
            "request.UploadTargetConfig.StorageLocation: 'b.oss-cn-shanghai.aliyuncs.com' is not a VOD",
        ),
        (
            {"request": {"UploadTargetConfig": BEIJING_TARGET}},
            "request.UploadTargetConfig: its StorageLocation is in cn-beijing, not in the config's region",
        ),
        ({"request": {"UserData": "not json"}}, "request.UserData: is not valid JSON"),
        ({"request": {"FileInfo": "{}"}}, "request.FileInfo: is not a key this object takes"),
        (
            {"fileRules": [{"type": "image", "extensions": ["png"], "maxSizeBytes": None}]},
            "postProcessConfigs.video: no fileRule allows video files",
        ),
        (
            {"fileRules": [{"type": "video", "extensions": ["exe"], "maxSizeBytes": None}]},
            "fileRules[0].extensions: 'exe' is not an extension of video files",
        ),
        (
            {"fileRules": [{"type": "audio", "extensions": ["mp3"], "maxSizeBytes": 5368709121}]},
            "fileRules[0].maxSizeBytes: 5368709121 is more than 5368709120 (5 GB)",
        ),
        (
            {
                "fileRules": [
                    {"type": "video", "extensions": ["mp4"]},
                    {"type": "video", "extensions": ["mov"]},
                ]
            },
            "fileRules: names a file type more than once",
        ),
        ({"fileRules": [{"type": "video", "extensions": []}]}, "fileRules[0].extensions: must not be empty"),
        ({"mediaDefaults": {"businessType": "intro"}}, "mediaDefaults.businessType: 'intro' is not allowed"),
        (
            {"mediaDefaults": {"tags": ["a,b"]}},
            "mediaDefaults.tags[0]: 'a,b' does not have the required form",
        ),
        ({"callback": {"kind": "http", "url": None}}, "callback.url: is required for an http callback"),
        (
            {"callback": {"kind": "http", "url": "ftp://x.example.com"}},
            "callback.url: 'ftp://x.example.com' is not",
        ),
        (
            {"callback": {"kind": "mns", "queueName": "uploads"}},
            "callback.queueName: an mns callback needs a queue",
        ),
        (
            {"callback": {"kind": "mns", "queueName": "ice-callback-x", "authEnabled": True}},
            "callback.authEnabled: callback authentication exists only for http callbacks",
        ),
    ],
)
def test_rule_breaks_name_the_key_path(changes: dict[str, Any], expected: str) -> None:
    assert any(expected in problem for problem in _problems(client_config_data(**changes))), _problems(
        client_config_data(**changes)
    )


def test_a_document_must_state_its_version() -> None:
    data = client_config_data()
    del data["version"]
    assert _problems(data) == ["version: is required (this is version '2')"]


def test_a_document_must_state_its_upload_mode() -> None:
    data = client_config_data()
    del data["uploadMode"]
    assert _problems(data) == ["uploadMode: is required (allowed: 'vod', 'own-bucket')"]
    assert _problems(client_config_data(uploadMode="oss")) == [
        "uploadMode: 'oss' is not an upload mode (allowed: 'vod', 'own-bucket')"
    ]


def test_upload_mode_picks_the_model() -> None:
    assert type(ClientConfig.from_data(client_config_data())) is VodClientConfig
    own = ClientConfig.from_data(own_bucket_config_data())
    assert type(own) is OwnBucketClientConfig
    assert isinstance(own, ClientConfig)
    # a mode's own model refuses the other mode's documents
    with pytest.raises(InvalidDocumentError):
        VodClientConfig.from_data(own_bucket_config_data())


def test_the_shared_base_cannot_be_built_directly() -> None:
    with pytest.raises(TypeError, match="from_data"):
        ClientConfig.model_validate(client_config_data())


# --- uploadMode own-bucket ------------------------------------------------------------------------


def test_own_bucket_example_is_valid_and_round_trips() -> None:
    config = ClientConfig.from_data(own_bucket_config_data())
    assert isinstance(config, OwnBucketClientConfig)
    assert config.to_data() == own_bucket_config_data()
    assert list(config.to_data()) == list(own_bucket_config_data())
    assert ClientConfig.from_json(config.to_json()) == config
    assert config.ownBucket.endpoint == "oss-cn-shanghai.aliyuncs.com"
    assert config.workflowIds == {"video": "74ba870f1a4873a3ba238e0bf6fa9c01"}


def test_own_bucket_actions_are_normalised_and_empty_request_keys_omitted() -> None:
    config = ClientConfig.from_data(
        own_bucket_config_data(
            allowedActions=["oss:PutObject", "ice:RegisterMediaInfo", "oss:PutObject"],
            request={"UserData": '{ "MessageCallback": {"CallbackURL": "https://h.example.com/x"} }'},
            ownBucket={
                "bucket": "acme-dev-ice-import",
                "region": "cn-shanghai",
                "endpoint": "oss-cn-shanghai.aliyuncs.com",
            },
        )
    )
    data = config.to_data()
    assert data["allowedActions"] == ["ice:RegisterMediaInfo", "oss:PutObject"]
    assert data["request"] == {"UserData": '{"MessageCallback":{"CallbackURL":"https://h.example.com/x"}}'}
    assert data["ownBucket"]["prefix"] == ""


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"allowedActions": ["oss:PutObject"]},
            "allowedActions: must include ice:RegisterMediaInfo (own-bucket uploads)",
        ),
        (
            {"allowedActions": ["ice:CreateUploadMedia", "ice:RegisterMediaInfo", "oss:PutObject"]},
            "allowedActions: must not include ice:CreateUploadMedia",
        ),
        ({"allowedActions": ["sts:AssumeRole"]}, "allowedActions[0]: 'sts:AssumeRole' does not have"),
        ({"appId": "app-1000000"}, "appId: is not a key this object takes (uploadMode 'own-bucket'"),
        ({"credentialValiditySeconds": 3000}, "credentialValiditySeconds: is not a key this object takes"),
        ({"ownBucket": None}, "ownBucket: must be an object, got null"),
        (
            {
                "ownBucket": {
                    "bucket": "Acme",
                    "region": "cn-shanghai",
                    "endpoint": "oss-cn-shanghai.aliyuncs.com",
                }
            },
            "ownBucket.bucket: 'Acme' does not have the required form",
        ),
        (
            {
                "ownBucket": {
                    "bucket": "acme",
                    "prefix": "/abs/",
                    "region": "cn-shanghai",
                    "endpoint": "oss-cn-shanghai.aliyuncs.com",
                }
            },
            "ownBucket.prefix: '/abs/' does not have the required form",
        ),
        (
            {"ownBucket": {"bucket": "acme", "region": "cn-shanghai", "endpoint": "acme.oss.example.com"}},
            "ownBucket.endpoint: 'acme.oss.example.com' is not the OSS endpoint of cn-shanghai",
        ),
        (
            {
                "ownBucket": {
                    "bucket": "acme",
                    "region": "cn-beijing",
                    "endpoint": "oss-cn-beijing.aliyuncs.com",
                }
            },
            "ownBucket.region: cn-beijing is not the config's region cn-shanghai",
        ),
        (
            {"request": {"UploadTargetConfig": UPLOAD_TARGET}},
            "request.UploadTargetConfig: is not a key this object takes",
        ),
        ({"workflowIds": {"video": "wf-1"}}, "workflowIds.video: 'wf-1' does not have the required form"),
        ({"request": {"UserData": "not json"}}, "request.UserData: is not valid JSON"),
        (
            {"fileRules": [{"type": "image", "extensions": ["png"], "maxSizeBytes": None}]},
            "workflowIds.video: no fileRule allows video files",
        ),
        ({"endpoint": "oss-cn-shanghai.aliyuncs.com"}, "endpoint: 'oss-cn-shanghai.aliyuncs.com' is not the"),
    ],
)
def test_own_bucket_rule_breaks_name_the_key_path(changes: dict[str, Any], expected: str) -> None:
    problems = _problems(own_bucket_config_data(**changes))
    assert any(expected in problem for problem in problems), problems


def test_a_vod_document_marked_own_bucket_names_what_is_wrong() -> None:
    problems = _problems(client_config_data(uploadMode="own-bucket"))
    assert "ownBucket: is required" in problems
    assert any(p.startswith("appId: is not a key") for p in problems)


# --- stack outputs --------------------------------------------------------------------------------


def test_outputs_with_masked_auth_keys() -> None:
    outputs = parse_stack_outputs(stack_outputs_data())
    assert sorted(outputs.client_configs) == ["mobile-video", "web-images"]
    assert outputs.auth_keys_masked and outputs.auth_key_for("mobile-video") is None


def test_outputs_with_auth_keys_in_clear() -> None:
    outputs = parse_stack_outputs(stack_outputs_data(auth_keys={"mobile-video": "Abc123xyz"}))
    assert not outputs.auth_keys_masked
    assert outputs.auth_key_for("mobile-video") == "Abc123xyz"


def test_outputs_without_auth_keys_key() -> None:
    outputs = parse_stack_outputs(stack_outputs_data(auth_keys=None))
    assert outputs.auth_keys == {} and not outputs.auth_keys_masked


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "out.json: must be the JSON object `pulumi stack output --json` prints"),
        ({"clientConfigs": {}}, "out.json: icekitContract: is missing"),
        (
            {**stack_outputs_data(), "icekitContract": "2"},
            "out.json: icekitContract: '2' is not a contract version",
        ),
        (
            {**stack_outputs_data(), "clientConfigs": "[secret]"},
            "out.json: clientConfigs: is masked as a secret",
        ),
        ({**stack_outputs_data(), "clientConfigs": []}, "out.json: clientConfigs: must be an object"),
        (
            {**stack_outputs_data(), "clientConfigs": {"other-app": client_config_data()}},
            "out.json: clientConfigs.other-app.app: says app 'mobile-video', but is listed under 'other-app'",
        ),
        (
            {**stack_outputs_data(), "clientConfigs": {"mobile-video": client_config_data(region="x")}},
            "out.json: clientConfigs.mobile-video.region: 'x' is not allowed",
        ),
        (
            stack_outputs_data(auth_keys={"ghost": "k"}),
            "out.json: callbackAuthKeys: names apps without a client",
        ),
        (
            stack_outputs_data(auth_keys={"mobile-video": 5}),
            "out.json: callbackAuthKeys.mobile-video: must be a",
        ),
        (stack_outputs_data(auth_keys=["k"]), "out.json: callbackAuthKeys: must be an object"),
    ],
)
def test_bad_outputs_name_file_and_key_path(data: Any, expected: str) -> None:
    with pytest.raises(UserInputError) as caught:
        parse_stack_outputs(json.loads(json.dumps(data)), file="out.json")
    assert str(caught.value).startswith(expected)
