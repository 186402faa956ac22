"""Issue 10 through the offline plan: per-type workflows reach the client configuration as per-type
PostProcessConfig; `consumeQueue` gives the app's role its own queue's messages and nothing else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from icekit.errors import UserInputError
from icekit.plan import run_plan

AUDIO_WORKFLOW = "0123456789abcdef0123456789abcdef"


def _edit(project: Path, stack: str, change: Any) -> None:
    path = project / "stacks" / f"Pulumi.{stack}.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document["config"])
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def _per_type(config: dict[str, Any]) -> None:
    config["icekit:workflows"]["audio-norm"] = {"workflowId": AUDIO_WORKFLOW}
    app = config["icekit:apps"][0]
    del app["workflow"]
    app["fileTypes"]["audio"] = {"extensions": ["mp3", "m4a"], "maxSizeBytes": 104857600}
    app["fileTypes"]["image"] = {"extensions": ["jpg"], "maxSizeBytes": 1048576}
    app["workflows"] = {"audio": "audio-norm"}  # video: none


def test_per_type_workflows_reach_the_client_configuration(project: Path) -> None:
    _edit(project, "dev", _per_type)
    config = run_plan("dev", project).clientConfigs["mobile-video"]
    assert config["version"] == "2"
    assert config["postProcessConfigs"] == {
        "audio": json.dumps({"ProcessType": "Workflow", "ProcessID": AUDIO_WORKFLOW}, separators=(",", ":"))
    }
    assert "PostProcessConfig" not in config["request"]
    # the app declares RefreshUploadMedia: audio and video can refresh, its images cannot
    assert config["refreshableTypes"] == ["audio", "video"]
    assert config["vpcEndpoint"] == "ice-vpc.cn-shanghai.aliyuncs.com"


def test_the_single_workflow_key_means_audio_and_video(project: Path) -> None:
    _edit(project, "dev", lambda c: c["icekit:apps"][0]["fileTypes"].update(audio={"extensions": ["mp3"]}))
    with pytest.raises(UserInputError):  # maxSizeBytes is required: the edit is checked, not ignored
        run_plan("dev", project)

    def add_audio(config: dict[str, Any]) -> None:
        config["icekit:apps"][0]["fileTypes"]["audio"] = {"extensions": ["mp3"], "maxSizeBytes": 10}

    _edit(project, "dev", add_audio)
    configs = run_plan("dev", project).clientConfigs["mobile-video"]["postProcessConfigs"]
    assert sorted(configs) == ["audio", "video"] and configs["audio"] == configs["video"]


@pytest.mark.parametrize(
    ("change", "key_path", "fragment"),
    [
        (
            lambda c: c["icekit:apps"][0].update(workflows={"video": "transcode-hd"}),
            "icekit:apps[0].workflows",
            "not both",
        ),
        (
            lambda c: c["icekit:apps"][0].update(workflow=None, workflows={"audio": "transcode-hd"}),
            "icekit:apps[0].workflows.audio",
            "the app uploads no audio files",
        ),
        (
            lambda c: c["icekit:apps"][0].update(workflow=None, workflows={"video": "nope"}),
            "icekit:apps[0].workflows.video",
            "unknown workflow 'nope'",
        ),
        (
            lambda c: c["icekit:apps"][0].update(workflow=None, workflows={"image": "transcode-hd"}),
            "icekit:apps[0].workflows.image",
            "invalid name",
        ),
        (
            lambda c: c["icekit:apps"][0].update(consumeQueue=True),
            "icekit:apps[0].consumeQueue",
            "must be an MNS callback",
        ),
    ],
)
def test_bad_workflow_and_queue_declarations_name_file_and_key_path(
    project: Path, change: Any, key_path: str, fragment: str
) -> None:
    _edit(project, "dev", change)
    with pytest.raises(UserInputError) as caught:
        run_plan("dev", project)
    assert caught.value.key_path == key_path, str(caught.value)
    assert fragment in caught.value.message
    assert str(caught.value.file).endswith("Pulumi.dev.yaml")


def test_consume_queue_grants_the_apps_own_queue_messages_only(project: Path) -> None:
    _edit(project, "dev", lambda c: c["icekit:apps"][1].update(consumeQueue=True))
    plan = run_plan("dev", project)
    [policy] = [
        r
        for r in plan.resources
        if r.type == "alicloud:ram/policy:Policy" and r.name.endswith("cms-assets-upload")
    ]
    statements = json.loads(policy.inputs["policyDocument"])["Statement"]
    queue = [s for s in statements if any(a.startswith("mns:") for a in s["Action"])]
    assert queue == [
        {
            "Effect": "Allow",
            "Action": ["mns:ChangeMessageVisibility", "mns:DeleteMessage", "mns:ReceiveMessage"],
            "Resource": ["acs:mns:cn-shanghai:1234567890123456:/queues/ice-callback-dev-uploads/messages"],
            "Condition": {"Bool": {"acs:SecureTransport": ["true"]}},
        }
    ]
    # the other apps' roles get nothing of MNS
    others = [r for r in plan.resources if r.type == "alicloud:ram/policy:Policy" and r is not policy]
    assert all("mns:" not in r.inputs["policyDocument"] for r in others)
