"""The declaration built from the runtime config (icekit.stack.runtime), as the CLI or the plan feeds it."""

from __future__ import annotations

import contextvars
import json
from collections.abc import Sequence

import pytest
from pulumi.runtime.config import set_all_config

from icekit.errors import UserInputError
from icekit.secrets import offline_placeholder
from icekit.stack import (
    HttpCallback,
    SecretValue,
    StackDeclaration,
    build_declaration,
    load_stack,
    runtime_config,
)
from icekit.stack.runtime import runtime_source

from .conftest import STACKS


def _spec(values: dict[str, str], secret_keys: Sequence[str] = (), stack: str = "dev") -> StackDeclaration:
    def body() -> StackDeclaration:
        set_all_config(values, list(secret_keys))
        return build_declaration(runtime_source(stack))

    return contextvars.copy_context().run(body)


def _auth_key(spec: StackDeclaration, name: str = "hooks") -> SecretValue:
    callback = spec.callbacks[name]
    assert isinstance(callback, HttpCallback)
    assert isinstance(callback.auth_key, SecretValue)
    return callback.auth_key


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_offline_feed_gives_the_same_declaration_as_the_file(stack: str) -> None:
    path = STACKS / f"Pulumi.{stack}.yaml"
    fed = runtime_config(path)
    from_config = _spec(fed.values, fed.secret_keys, stack)
    from_file = load_stack(path)
    # auth keys dump as the mask on both sides, so the whole declarations compare equal
    assert from_config.model_dump(mode="json") == from_file.model_dump(mode="json")
    key = _auth_key(from_config)
    assert key.plaintext is None and key.program_value() == offline_placeholder(
        "icekit:callbacks.hooks.authKey"
    )


def _dev_with_auth_key(value: str) -> dict[str, str]:
    values = dict(runtime_config(STACKS / "Pulumi.dev.yaml").values)
    callbacks = json.loads(values["icekit:callbacks"])
    callbacks["hooks"]["authKey"] = value
    values["icekit:callbacks"] = json.dumps(callbacks)
    return values


def test_decrypted_auth_key_is_checked_and_kept_secret() -> None:
    spec = _spec(_dev_with_auth_key("Decrypted1Key"), ["icekit:callbacks"])
    key = _auth_key(spec)
    assert key.plaintext == "Decrypted1Key" and key.program_value() == "Decrypted1Key"
    assert "Decrypted1Key" not in repr(spec)


def test_decrypted_auth_key_breaking_ice_rules_is_a_user_error() -> None:
    with pytest.raises(UserInputError) as caught:
        _spec(_dev_with_auth_key("all-lower-case"), ["icekit:callbacks"])
    assert caught.value.file == "stacks/Pulumi.dev.yaml"
    assert caught.value.key_path == "icekit:callbacks.hooks.authKey"
    assert "all-lower-case" not in str(caught.value)


def test_malformed_json_value() -> None:
    values = dict(runtime_config(STACKS / "Pulumi.dev.yaml").values, **{"icekit:apps": "[not json"})
    with pytest.raises(UserInputError) as caught:
        _spec(values)
    assert caught.value.key_path == "icekit:apps"


def test_reference_errors_name_the_stack_file() -> None:
    values = dict(runtime_config(STACKS / "Pulumi.prod.yaml").values, **{"icekit:eventCallback": "gone"})
    with pytest.raises(UserInputError) as caught:
        _spec(values, stack="prod")
    assert str(caught.value).startswith(
        "stacks/Pulumi.prod.yaml: icekit:eventCallback: unknown callback 'gone'"
    )


def test_config_from_the_environment_like_the_language_host(monkeypatch: pytest.MonkeyPatch) -> None:
    fed = runtime_config(STACKS / "Pulumi.staging.yaml")
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps(fed.values))
    spec = _spec({}, stack="staging")  # nothing set in-process: the values come from PULUMI_CONFIG
    assert spec.region == "cn-beijing" and [a.name for a in spec.apps] == ["mobile-video", "cms-assets"]
