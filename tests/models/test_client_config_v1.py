"""Version 1 client configurations are still read: upgraded on read to version 2 (docs/client-config.md)."""

from __future__ import annotations

from typing import Any

import pytest

from icekit.clientconfig import ClientConfig, OwnBucketClientConfig, VodClientConfig
from icekit.models import InvalidDocumentError
from tests.models.samples import (
    POST_PROCESS_EXAMPLE,
    client_config_data,
    client_config_v1_data,
    own_bucket_config_data,
    own_bucket_config_v1_data,
)


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InvalidDocumentError) as caught:
        ClientConfig.from_data(data)
    return [str(problem) for problem in caught.value.problems]


def test_a_v1_vod_document_reads_as_its_v2_form() -> None:
    config = ClientConfig.from_data(client_config_v1_data())
    assert isinstance(config, VodClientConfig)
    assert config.to_data() == client_config_data()
    assert config.version == "2" and config.vpcEndpoint == "ice-vpc.cn-shanghai.aliyuncs.com"
    # v1 sent its one PostProcessConfig with video and audio: the app's fileRules have video and image
    assert config.postProcessConfigs == {"video": POST_PROCESS_EXAMPLE}
    assert "PostProcessConfig" not in config.to_data()["request"]


def test_a_v1_own_bucket_document_reads_as_its_v2_form() -> None:
    config = ClientConfig.from_data(own_bucket_config_v1_data())
    assert isinstance(config, OwnBucketClientConfig)
    assert config.to_data() == own_bucket_config_data()


def test_v1_refresh_means_the_audio_and_video_types() -> None:
    actions = ["ice:CreateUploadMedia", "ice:RefreshUploadMedia"]
    rules = [
        {"type": "audio", "extensions": ["mp3"], "maxSizeBytes": None},
        {"type": "image", "extensions": ["png"], "maxSizeBytes": None},
        {"type": "video", "extensions": ["mp4"], "maxSizeBytes": None},
    ]
    config = ClientConfig.from_data(client_config_v1_data(allowedActions=actions, fileRules=rules))
    assert isinstance(config, VodClientConfig)
    assert config.refreshableTypes == ["audio", "video"]
    assert config.postProcessConfigs == {"audio": POST_PROCESS_EXAMPLE, "video": POST_PROCESS_EXAMPLE}


def test_v1_without_file_rules_post_processes_audio_and_video() -> None:
    config = ClientConfig.from_data(client_config_v1_data(fileRules=[]))
    assert isinstance(config, VodClientConfig)
    assert sorted(config.postProcessConfigs) == ["audio", "video"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            client_config_v1_data(fileRules=[{"type": "image", "extensions": ["png"], "maxSizeBytes": None}]),
            "request.PostProcessConfig: applies only to video and audio, and no fileRule allows either",
        ),
        (
            own_bucket_config_v1_data(
                fileRules=[{"type": "image", "extensions": ["png"], "maxSizeBytes": None}]
            ),
            "request.WorkflowId: applies only to video and audio, and no fileRule allows either",
        ),
        (client_config_v1_data(region="cn-hangzhou"), "region: 'cn-hangzhou' is not allowed"),
    ],
)
def test_v1_rule_breaks_keep_their_v1_key_paths(data: dict[str, Any], expected: str) -> None:
    problems = _problems(data)
    assert any(expected in problem for problem in problems), problems


def test_refreshable_types_need_the_refresh_action_and_the_type() -> None:
    assert _problems(client_config_data(refreshableTypes=["video"])) == [
        "refreshableTypes: needs ice:RefreshUploadMedia in allowedActions"
    ]
    actions = ["ice:CreateUploadMedia", "ice:RefreshUploadMedia"]
    assert _problems(client_config_data(allowedActions=actions, refreshableTypes=["audio"])) == [
        "refreshableTypes.audio: no fileRule allows audio files"
    ]
    assert _problems(client_config_data(refreshableTypes=["image"]))[0].startswith("refreshableTypes[0]: ")


def test_the_vpc_endpoint_is_the_regions() -> None:
    assert _problems(client_config_data(vpcEndpoint="ice-vpc.cn-beijing.aliyuncs.com")) == [
        "vpcEndpoint: 'ice-vpc.cn-beijing.aliyuncs.com' is not the VPC endpoint of cn-shanghai "
        "(ice-vpc.cn-shanghai.aliyuncs.com)"
    ]
