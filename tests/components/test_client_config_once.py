"""Each app's ClientConfig document is built and validated once, and rebuilt only for an unexpected role ARN;
the stack's auth keys are combined per callback and fanned out to the apps, still a secret."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import components.profile
from components.program import Program, build
from icekit.clientconfig.model import ClientConfig
from icekit.secrets import offline_placeholder
from icekit.stack import runtime_config

from .conftest import STACKS
from .harness import RecordingMocks, Resolved, resolve, run_mocked


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the profile's document builder with one that records the ARN of every build."""
    built: list[str] = []
    original = components.profile.client_config_document

    def counting(*args: Any, role_arn: str, **kwargs: Any) -> dict[str, Any]:
        built.append(role_arn)
        return original(*args, role_arn=role_arn, **kwargs)

    monkeypatch.setattr(components.profile, "client_config_document", counting)
    return built


def _configs(stack: str, mocks: RecordingMocks, stack_file: Path | None = None) -> tuple[Resolved, Resolved]:
    fed = runtime_config(stack_file or STACKS / f"Pulumi.{stack}.yaml")

    async def body() -> tuple[Resolved, Resolved]:
        program: Program = build()
        return await resolve(program.client_configs()), await resolve(program.callback_auth_keys())

    _, result = run_mocked(body, stack=stack, config=fed.values, secret_keys=fed.secret_keys, mocks=mocks)
    return result  # type: ignore[no-any-return]


def test_documents_are_built_once_for_the_declared_account(monkeypatch: pytest.MonkeyPatch) -> None:
    built = _counting(monkeypatch)
    configs, _ = _configs("dev", RecordingMocks())  # dev declares the mocks' account id
    apps = sorted(configs.value)
    assert apps == ["batch-import", "cms-assets", "mobile-video"]
    assert sorted(built) == [f"acs:ram::1234567890123456:role/icekit-dev-{app}" for app in apps]
    for app, document in configs.value.items():
        assert ClientConfig.from_data(document).roleArn == f"acs:ram::1234567890123456:role/icekit-dev-{app}"


def test_another_account_rebuilds_with_the_engines_arn(monkeypatch: pytest.MonkeyPatch) -> None:
    built = _counting(monkeypatch)
    configs, _ = _configs("dev", RecordingMocks(account_id="999999999999"))
    engine_arns = sorted(f"acs:ram::999999999999:role/icekit-dev-{app}" for app in configs.value)
    assert sorted(arn for arn in built if ":999999999999:" in arn) == engine_arns
    for app, document in configs.value.items():
        assert document["roleArn"] == f"acs:ram::999999999999:role/icekit-dev-{app}"
        ClientConfig.from_data(document)


def test_auth_keys_are_per_app_and_secret() -> None:
    _, keys = _configs("prod", RecordingMocks())
    assert keys.secret is True
    placeholder = offline_placeholder("icekit:callbacks.hooks.authKey")
    assert keys.value == {app: placeholder for app in ("batch-import", "cms-assets", "mobile-video")}


def test_no_authenticated_callback_gives_an_empty_secret_object(tmp_path: Path) -> None:
    document = yaml.safe_load((STACKS / "Pulumi.dev.yaml").read_text(encoding="utf-8"))
    callbacks = document["config"]["icekit:callbacks"]
    assert any("authKey" in callback for callback in callbacks.values())
    for callback in callbacks.values():
        callback.pop("authKey", None)
    stack_file = tmp_path / "Pulumi.dev.yaml"
    stack_file.write_text(yaml.safe_dump(document), encoding="utf-8")
    configs, keys = _configs("dev", RecordingMocks(), stack_file)
    assert keys.secret is True
    assert keys.value == {}
    assert sorted(configs.value) == ["batch-import", "cms-assets", "mobile-video"]
