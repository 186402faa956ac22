from __future__ import annotations

import ast
import json

import pytest

from icekit.clientconfig import ClientConfig, parse_stack_outputs
from icekit.errors import UserInputError
from icekit.render import CLIENT_CONFIG_FILES, client_config_dir, render_client_config_files
from icekit.render.dotenv import dotenv_quote
from icekit.render.stack import render_stack_outputs
from tests.models.samples import client_config_data, stack_outputs_data
from tests.render.dotenv_readers import read_like_python_dotenv


def _config(**changes: object) -> ClientConfig:
    return ClientConfig.from_data(client_config_data(**changes))


def _env(text: str) -> dict[str, str]:
    return read_like_python_dotenv(text)


def test_three_files_and_their_place() -> None:
    files = render_client_config_files(_config())
    assert tuple(files) == CLIENT_CONFIG_FILES
    assert str(client_config_dir(_config())) == "dev/mobile-video"


def test_rendering_is_deterministic_and_json_is_the_canonical_document() -> None:
    first = render_client_config_files(_config())
    second = render_client_config_files(ClientConfig.from_json(first["client-config.json"]))
    assert first == second
    assert json.loads(first["client-config.json"]) == client_config_data()
    assert first["client-config.json"].endswith("}\n")


def test_dotenv_carries_the_values_and_masks_the_missing_auth_key() -> None:
    env_text = render_client_config_files(_config())[".env"]
    env = _env(env_text)
    assert env["ICE_REGION"] == "cn-shanghai"
    assert env["ICE_ROLE_ARN"] == "acs:ram::1234567890123456:role/icekit-dev-mobile-video"
    assert json.loads(env["ICE_UPLOAD_TARGET_CONFIG"])["StorageType"] == "oss"
    assert json.loads(env["ICE_FILE_RULES"])[1]["extensions"] == ["mov", "mp4"]
    assert "ICE_CALLBACK_AUTH_KEY" not in env
    assert "# ICE_CALLBACK_AUTH_KEY=[secret] is a secret and was left out" in env_text


def test_dotenv_writes_the_auth_key_only_when_given() -> None:
    env = _env(render_client_config_files(_config(), auth_key="Abc123'x\"y")[".env"])
    assert env["ICE_CALLBACK_AUTH_KEY"] == "Abc123'x\"y"


@pytest.mark.parametrize("value", ["plain", "it's", 'say "hi" $HOME', 'say "hi" \\n', "multi\nline"])
def test_dotenv_quoting_reads_back(value: str) -> None:
    assert _env(f"K={dotenv_quote(value)}")["K"] == value


def test_python_snippet_is_valid_python_with_the_values_as_literals() -> None:
    source = render_client_config_files(_config())["upload_request.py"]
    tree = ast.parse(source)
    compile(source, "upload_request.py", "exec")
    constants = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id.isupper()
    }
    assert constants["APP_ID"] == "app-1000000"
    assert constants["UPLOAD_TARGET_CONFIG"] == client_config_data()["request"]["UploadTargetConfig"]
    assert "icekit" not in {
        n.names[0].name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import)
    }


def test_snippet_of_an_app_without_request_values() -> None:
    source = render_client_config_files(_config(request={}, callback=None, fileRules=[]))["upload_request.py"]
    assert "UPLOAD_TARGET_CONFIG = None" in source
    compile(source, "upload_request.py", "exec")


def test_stack_rendering_places_every_app_and_refuses_masked_keys_when_asked_for_secrets() -> None:
    outputs = parse_stack_outputs(stack_outputs_data())
    files = render_stack_outputs(outputs)
    assert sorted(files) == sorted(
        f"dev/{app}/{name}" for app in ("mobile-video", "web-images") for name in CLIENT_CONFIG_FILES
    )
    with pytest.raises(UserInputError, match=r"callbackAuthKeys.mobile-video: is masked as \[secret\]"):
        render_stack_outputs(outputs, include_secrets=True, file="out.json")


def test_stack_rendering_with_keys_in_clear() -> None:
    outputs = parse_stack_outputs(stack_outputs_data(auth_keys={"mobile-video": "Abc123xyz"}))
    files = render_stack_outputs(outputs, include_secrets=True)
    assert "ICE_CALLBACK_AUTH_KEY='Abc123xyz'" in files["dev/mobile-video/.env"]
    assert "Abc123xyz" not in render_stack_outputs(outputs)["dev/mobile-video/.env"]


def test_a_missing_auth_key_is_told_apart_from_a_masked_one() -> None:
    outputs = parse_stack_outputs(stack_outputs_data(auth_keys={}))
    assert not outputs.auth_keys_masked
    missing = r"callbackAuthKeys.mobile-video: is missing, although"
    with pytest.raises(UserInputError, match=missing) as caught:
        render_stack_outputs(outputs, include_secrets=True, file="out.json")
    assert "--show-secrets" in str(caught.value)
