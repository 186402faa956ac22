from __future__ import annotations

import re
from pathlib import Path

import pytest

from icekit.facts.names import RAM_NAME_PATTERN
from icekit.stack import HttpCallback, SecretValue, load_stack, runtime_config
from icekit.stack.naming import bucket_policy_name, role_name, upload_policy_name

from .conftest import STACKS

BUNDLED = sorted(STACKS.glob("Pulumi.*.yaml"))


def test_three_stacks_in_three_regions() -> None:
    specs = [load_stack(path) for path in BUNDLED]
    assert sorted(s.stack for s in specs) == ["dev", "prod", "staging"]
    assert sorted(s.region for s in specs) == ["cn-beijing", "cn-shanghai", "cn-shenzhen"]
    app_names = {app.name for s in specs for app in s.apps}
    assert {"mobile-video", "cms-assets", "batch-import"} <= app_names


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_stack_validates_and_keeps_secrets_encrypted(path: Path) -> None:
    spec = load_stack(path)
    assert spec.stack == path.name.split(".")[1]
    keys = [c.auth_key for c in spec.callbacks.values() if isinstance(c, HttpCallback)]
    assert keys, "every bundled stack has an authenticated HTTP callback"
    for key in keys:
        assert isinstance(key, SecretValue)
        assert key.ciphertext is not None and key.ciphertext.startswith("v1:")
        assert key.plaintext is None
        assert key.ciphertext not in repr(key)


def test_prod_is_strict() -> None:
    spec = load_stack(STACKS / "Pulumi.prod.yaml")
    assert spec.environment == "prod"
    for callback in spec.callbacks.values():
        assert isinstance(callback, HttpCallback)
        assert callback.url.startswith("https://") and callback.auth_key is not None
    for app in spec.apps:
        assert app.conditions.secure_transport is True
        assert app.conditions.source_ip
    assert set(spec.guardrails.required_conditions) == {"acs:SecureTransport", "acs:SourceIp"}


def test_own_bucket_app_and_workflow_app_exist() -> None:
    spec = load_stack(STACKS / "Pulumi.dev.yaml")
    importer = spec.app("batch-import")
    assert spec.storage[importer.storage].own_bucket is not None
    mobile = spec.app("mobile-video")
    assert mobile.workflow in spec.workflows and mobile.uploads_audio_or_video


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_runtime_config_is_what_the_cli_would_feed(path: Path) -> None:
    config = runtime_config(path)
    assert config.values["alicloud:region"] == load_stack(path).region
    assert config.secret_keys == ["icekit:callbacks"]
    assert "v1:" not in config.values["icekit:callbacks"]  # ciphertext never reaches the program
    assert (
        '"authKey":"icekit-offline-secret:icekit:callbacks.hooks.authKey"'
        in config.values["icekit:callbacks"]
    )
    assert config == runtime_config(path)  # deterministic


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_dumps_mask_auth_keys(path: Path) -> None:
    spec = load_stack(path)
    dumped = spec.model_dump_json()
    assert "v1:" not in dumped
    assert '"auth_key":"[secret]"' in dumped


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_ram_names_are_valid(path: Path) -> None:
    spec = load_stack(path)
    for app in spec.apps:
        for name in (
            role_name(spec.stack, app.name),
            upload_policy_name(spec.stack, app.name),
            bucket_policy_name(spec.stack, app.name),
        ):
            assert re.fullmatch(RAM_NAME_PATTERN, name), name


def test_runtime_config_encodes_values_like_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "Pulumi.x.yaml"
    path.write_text(
        "config:\n  accountId: 123456789012\n  icekit:flag: true\n  icekit:apps: [{name: a}]\n",
        encoding="utf-8",
    )
    config = runtime_config(path)
    assert config.values == {
        "icekit:accountId": "123456789012",  # bare keys belong to the project's namespace
        "icekit:apps": '[{"name":"a"}]',
        "icekit:flag": "true",
    }
    assert config.secret_keys == []
