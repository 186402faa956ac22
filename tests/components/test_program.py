"""The whole program on the mock runtime, fed the way the Pulumi CLI (or the offline plan) feeds it."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from pulumi.runtime import rpc

from components.program import Program, build, main
from icekit.clientconfig.model import ClientConfig, OwnBucketClientConfig, VodClientConfig
from icekit.secrets import offline_placeholder
from icekit.stack import runtime_config

from .conftest import STACKS
from .harness import CapturingMonitor, RecordingMocks, resolve, run_mocked


def _run(stack: str) -> tuple[RecordingMocks, dict[str, Any]]:
    fed = runtime_config(STACKS / f"Pulumi.{stack}.yaml")

    async def body() -> dict[str, Any]:
        program: Program = build()
        return {
            "clientConfigs": await resolve(program.client_configs()),
            "callbackAuthKeys": await resolve(program.callback_auth_keys()),
        }

    return run_mocked(body, stack=stack, config=fed.values, secret_keys=fed.secret_keys)


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_client_configs_follow_the_contract(stack: str) -> None:
    mocks, out = _run(stack)
    configs = out["clientConfigs"]
    assert configs.secret is False
    apps = [
        app["name"]
        for app in yaml.safe_load((STACKS / f"Pulumi.{stack}.yaml").read_text())["config"]["icekit:apps"]
    ]
    assert sorted(configs.value) == sorted(apps), "every app gets a client configuration"
    for app, document in configs.value.items():
        parsed = ClientConfig.from_data(document)
        assert parsed.app == app and parsed.stack == stack
        assert parsed.roleArn.endswith(f":role/icekit-{stack}-{app}")
        role = mocks.one("alicloud:ram/role:Role", f"icekit-{stack}-{app}")
        assert role.inputs["roleName"] == f"icekit-{stack}-{app}"


def test_dev_outputs() -> None:
    mocks, out = _run("dev")
    configs = out["clientConfigs"].value
    assert list(configs) == ["batch-import", "cms-assets", "mobile-video"]
    assert isinstance(ClientConfig.from_data(configs["mobile-video"]), VodClientConfig)
    importer = ClientConfig.from_data(configs["batch-import"])
    assert isinstance(importer, OwnBucketClientConfig)
    assert importer.ownBucket.model_dump() == {
        "bucket": "acme-dev-ice-import",
        "prefix": "incoming/",
        "region": "cn-shanghai",
        "endpoint": "oss-cn-shanghai.aliyuncs.com",
    }
    # the bucket policy's actions plus the declared GetMediaInfo; no CreateUploadMedia
    assert importer.allowedActions == ["ice:GetMediaInfo", "ice:RegisterMediaInfo", "oss:PutObject"]
    assert importer.request.model_dump(exclude_none=True) == {}  # no callback, no workflow
    assert importer.roleArn == "acs:ram::1234567890123456:role/icekit-dev-batch-import"
    keys = out["callbackAuthKeys"]
    assert keys.secret is True
    assert keys.value == {"mobile-video": offline_placeholder("icekit:callbacks.hooks.authKey")}
    event = mocks.one("pulumi-python:dynamic:Resource", "dev-event-callback").inputs
    assert event["iceResource"] == "EventCallback"
    assert event["callbackType"] == "MNS" and event["callbackQueueName"] == "ice-callback-dev-uploads"
    assert event["eventTypeList"] == "FileUploadComplete,MediaConvertComplete"
    assert "authKey" not in event or event["authKey"] is None


def test_prod_event_callback_has_a_secret_auth_key() -> None:
    mocks, out = _run("prod")
    event = mocks.one("pulumi-python:dynamic:Resource", "prod-event-callback").inputs
    assert event["callbackType"] == "HTTP" and event["authSwitch"] == "on"
    assert event["callbackUrl"] == "https://hooks.acme-media.example/ice/callback"
    assert rpc.is_rpc_secret(event["authKey"])
    assert set(out["callbackAuthKeys"].value) == {"batch-import", "cms-assets", "mobile-video"}
    importer = ClientConfig.from_data(out["clientConfigs"].value["batch-import"])
    assert isinstance(importer, OwnBucketClientConfig)
    assert importer.callback is not None and importer.callback.authEnabled
    assert importer.request.UserData is not None  # RegisterMediaInfo carries the callback URL
    assert importer.workflowIds == {"video": "5c2e8a1f7b3d4096ae1c5f8b2d7e0a93"}  # transcode-hd of prod


def test_main_exports_the_contract_keys() -> None:
    fed = runtime_config(STACKS / "Pulumi.staging.yaml")
    mocks = RecordingMocks()
    monitor = CapturingMonitor(mocks)

    async def body() -> None:
        main()

    run_mocked(
        body, stack="staging", config=fed.values, secret_keys=fed.secret_keys, mocks=mocks, monitor=monitor
    )
    outputs = monitor.stack_outputs
    assert outputs["icekitContract"] == "1"
    assert sorted(outputs["clientConfigs"]) == ["cms-assets", "mobile-video"]
    assert "ownBucketUploads" not in outputs
    assert rpc.is_rpc_secret(outputs["callbackAuthKeys"])
    assert not rpc.is_rpc_secret(outputs["clientConfigs"])
