from __future__ import annotations

from typing import Any

from components.args import CallbackEndpointArgs, WorkflowTemplateArgs
from components.callback import CallbackEndpoint
from components.workflow import WorkflowTemplate
from icekit.secrets import offline_placeholder
from icekit.stack import StackDeclaration
from icekit.stack.secret import SecretValue

from .conftest import spec_from
from .harness import resolve, run_mocked

QUEUE = "alicloud:message/serviceQueue:ServiceQueue"


def _args(spec: StackDeclaration, name: str) -> CallbackEndpointArgs:
    return CallbackEndpointArgs(spec.stack, spec.region, spec.callbacks[name])


def test_mns_callback_creates_its_queue_under_the_component(dev_config: dict[str, Any]) -> None:
    spec = spec_from(dev_config)

    async def body() -> str:
        endpoint = CallbackEndpoint("uploads-queue", _args(spec, "uploads-queue"))
        assert endpoint.queue is not None and endpoint.auth_key is None
        return str((await resolve(endpoint.queue.urn)).value)

    mocks, urn = run_mocked(body)
    queue = mocks.one(QUEUE)
    assert queue.name == "ice-callback-dev-uploads"
    assert queue.inputs["queueName"] == "ice-callback-dev-uploads"
    assert "icekit:callback:CallbackEndpoint$alicloud:message/serviceQueue:ServiceQueue" in urn
    props = mocks.one("icekit:callback:CallbackEndpoint").inputs
    assert props["kind"] == "mns" and props["authEnabled"] is False
    assert props["declarationPath"] == "icekit:callbacks.uploads-queue"
    assert props["region"] == "cn-shanghai"


def test_http_callback_keeps_its_auth_key_secret(dev_config: dict[str, Any]) -> None:
    spec = spec_from(dev_config)

    async def body() -> Any:
        endpoint = CallbackEndpoint("hooks", _args(spec, "hooks"))
        return await resolve(endpoint.auth_key)

    mocks, key = run_mocked(body)
    assert not mocks.of_type(QUEUE)
    assert key.secret is True
    # offline (undecrypted) the program carries the placeholder, never ciphertext
    assert key.value == offline_placeholder("icekit:callbacks.hooks.authKey")
    props = mocks.one("icekit:callback:CallbackEndpoint").inputs
    assert (
        props["authEnabled"] is True and props["url"] == "https://dev-hooks.acme-media.example/ice/callback"
    )
    assert "authKey" not in props


def test_decrypted_auth_key_stays_secret(dev_config: dict[str, Any]) -> None:
    dev_config["icekit:callbacks"]["hooks"]["authKey"] = SecretValue(
        key_path="icekit:callbacks.hooks.authKey", plaintext="Clear1Key"
    )
    spec = spec_from(dev_config)

    async def body() -> Any:
        return await resolve(CallbackEndpoint("hooks", _args(spec, "hooks")).auth_key)

    _, key = run_mocked(body)
    assert key.value == "Clear1Key" and key.secret is True


def test_workflow_template_props_and_post_process_config(dev_config: dict[str, Any]) -> None:
    spec = spec_from(dev_config)

    async def body() -> str:
        args = WorkflowTemplateArgs(spec.workflows["transcode-hd"])
        return WorkflowTemplate("transcode-hd", args).post_process_config

    mocks, wire = run_mocked(body)
    assert wire == '{"ProcessType":"Workflow","ProcessID":"74ba870f1a4873a3ba238e0bf6fa9c01"}'
    assert mocks.one("icekit:workflow:WorkflowTemplate").inputs == {
        "name": "transcode-hd",
        "workflowId": "74ba870f1a4873a3ba238e0bf6fa9c01",
        "declarationPath": "icekit:workflows.transcode-hd",
    }
