"""A rendered `.env` must read back the same values when sourced in bash and when read by python-dotenv."""

from __future__ import annotations

from pathlib import Path

import pytest

from icekit.clientconfig import ClientConfig, parse_stack_outputs
from icekit.errors import UserInputError
from icekit.render import render_client_config_files
from icekit.render.dotenv import dotenv_quote
from icekit.render.stack import render_stack_outputs
from tests.models.samples import client_config_data, stack_outputs_data
from tests.render.dotenv_readers import BASH, read_like_python_dotenv, source_in_bash

WRITABLE = [
    "plain",
    "with spaces  and\ttabs ",
    "it's",
    'say "hi"',
    "cost $5 and $HOME",
    "`date`",
    "multi\nline\n",
    "back\\slash and \\n and \\\\ two",
    'it\'s "both" \\ kinds',
    '{"Extend":{"path":"C:\\\\dir","q":"a\\"b"}}',
    "# not a comment",
    "= sign",
    "中文标题 😀",
]
UNWRITABLE = ["it's $HOME", "back\\slash `id`", "${HOME}", "nul\0char", "trailing\\"]


def _write(tmp_path: Path, values: list[str]) -> tuple[Path, list[str]]:
    keys = [f"K{i}" for i in range(len(values))]
    env_file = tmp_path / "t.env"
    env_file.write_text("".join(f"{k}={dotenv_quote(v)}\n" for k, v in zip(keys, values, strict=True)))
    return env_file, keys


def test_python_dotenv_reads_back_every_writable_value(tmp_path: Path) -> None:
    env_file, keys = _write(tmp_path, WRITABLE)
    assert read_like_python_dotenv(env_file.read_text()) == dict(zip(keys, WRITABLE, strict=True))


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_bash_source_reads_back_every_writable_value_and_runs_nothing(tmp_path: Path) -> None:
    env_file, keys = _write(tmp_path, WRITABLE)
    assert source_in_bash(env_file, keys) == dict(zip(keys, WRITABLE, strict=True))


@pytest.mark.parametrize("value", UNWRITABLE)
def test_values_no_quoting_can_carry_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        dotenv_quote(value)


def test_a_tag_no_quoting_can_carry_is_refused_naming_its_key_path() -> None:
    data = client_config_data()
    data["mediaDefaults"]["tags"] = ["it's `id`"]
    with pytest.raises(UserInputError) as caught:
        render_client_config_files(ClientConfig.from_data(data))
    assert caught.value.key_path == "clientConfigs.mobile-video.mediaDefaults.tags"
    assert "ICE_MEDIA_TAGS" in caught.value.message


def test_an_unwritable_auth_key_is_refused_with_the_file_and_never_shown() -> None:
    key = "Abc123'x$y"
    outputs = parse_stack_outputs(stack_outputs_data(auth_keys={"mobile-video": key}), file="out.json")
    with pytest.raises(UserInputError) as caught:
        render_stack_outputs(outputs, include_secrets=True, file="out.json")
    assert (caught.value.file, caught.value.key_path) == ("out.json", "callbackAuthKeys.mobile-video")
    assert key not in str(caught.value)


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_a_whole_rendered_env_reads_the_same_in_bash_and_python_dotenv(tmp_path: Path) -> None:
    data = client_config_data()
    data["mediaDefaults"]["tags"] = ["it's", 'say "hi"', "a b"]
    text = render_client_config_files(ClientConfig.from_data(data), auth_key="Abc123'x y")[".env"]
    env_file = tmp_path / ".env"
    env_file.write_text(text)
    expected = read_like_python_dotenv(text)
    assert expected["ICE_MEDIA_TAGS"] == 'it\'s,say "hi",a b'
    assert expected["ICE_CALLBACK_AUTH_KEY"] == "Abc123'x y"
    assert source_in_bash(env_file, sorted(expected)) == expected
