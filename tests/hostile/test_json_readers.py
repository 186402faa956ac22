"""Every JSON reader (icekit.json_input) refuses what json.loads lets through or crashes on: a key given
twice, NaN, huge integers, deep nesting; in validate, render --outputs and check --policy alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from icekit.json_input import JsonInputError, parse_json
from tests.hostile.conftest import refused, run
from tests.models.samples import client_config_data, stack_outputs_data

_OUTPUTS = json.dumps(stack_outputs_data(), indent=2)
_ROLE = client_config_data()["roleArn"]
_ATTACKER = "acs:ram::999999999999:role/attacker"
_POLICY = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ice:GetMediaInfo","Resource":"*"%s}]}'
_USER_DATA = '{"MessageCallback":{"CallbackURL":"https://hooks.example.com/ice"}%s}'

BAD_TEXTS = [
    ("duplicate key", '{"a": 1, "a": 2}', "duplicate key 'a'"),
    ("NaN", '{"a": NaN}', "NaN is not valid JSON"),
    ("Infinity", '{"a": -Infinity}', "-Infinity is not valid JSON"),
    ("huge integer", '{"a": ' + "9" * 5000 + "}", "an integer of 5000 digits"),
    ("huge float", '{"a": 1e999}', "too large"),
    ("deep", "[" * 5000 + "]" * 5000, "nested deeper than 64 levels"),
    ("deep unclosed", "[" * 100_000, "nested deeper than 64 levels"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_TEXTS, ids=[c[0] for c in BAD_TEXTS])
def test_the_one_reader(name: str, text: str, message: str) -> None:
    with pytest.raises(JsonInputError) as caught:
        parse_json(text)
    assert message in str(caught.value)


def _duplicate_role(outputs: str) -> str:
    return outputs.replace(f'"roleArn": "{_ROLE}",', f'"roleArn": "{_ROLE}", "roleArn": "{_ATTACKER}",', 1)


RENDER_CASES = [
    ("roleArn twice", _duplicate_role(_OUTPUTS), "is not valid JSON (duplicate key 'roleArn')"),
    ("clientConfigs twice", '{"clientConfigs": {}, "clientConfigs": {}}', "is not valid JSON (duplicate key"),
    ("deep", "[" * 5000, "is not valid JSON (nested deeper"),
    ("huge integer", '{"icekitContract": ' + "1" * 5000 + "}", "is not valid JSON (an integer of 5000"),
]


@pytest.mark.parametrize(("name", "text", "message"), RENDER_CASES, ids=[c[0] for c in RENDER_CASES])
def test_render_outputs(tmp_path: Path, name: str, text: str, message: str) -> None:
    assert _ATTACKER not in _OUTPUTS and f'"roleArn": "{_ROLE}",' in _OUTPUTS
    path = tmp_path / "outputs.json"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", "--outputs", str(path), "--out", str(out))
    refused(result, f"{path}: {message}")
    assert not out.exists()


_DEEP_EXTEND = ',"Extend":' + '{"a":' * 300 + "1" + "}" * 300
_HUGE_SIZE = '{"Type":"video","Name":"a","Size":' + "9" * 5000 + ',"Ext":"mp4"}'
_HUGE_CONDITION = ',"Condition":{"NumericLessThan":{"a:b":' + "9" * 5000 + "}}"
_INNER_TWICE = '{"PolicyDocument": "{\\"Statement\\": 1, \\"Statement\\": 2}"}'
VALIDATE_CASES = [
    ("user-data", _USER_DATA % ',"Extend":{"a":1,"a":2}', "UserData: is not valid JSON (duplicate key 'a')"),
    ("user-data", _USER_DATA % _DEEP_EXTEND, "UserData: is not valid JSON"),
    ("user-data", _USER_DATA % (',"Extend":' + '{"a":' * 20 + "1" + "}" * 20), "UserData.Extend: nests"),
    ("file-info", _HUGE_SIZE, "FileInfo: is not valid"),
    ("file-info", "[" * 5000, "FileInfo: is not valid JSON (nested deeper than 64 levels)"),
    ("client-config", '{"version":"1","version":"1"}', "is not valid JSON (duplicate key 'version')"),
]


@pytest.mark.parametrize(("kind", "text", "message"), VALIDATE_CASES)
def test_validate(tmp_path: Path, kind: str, text: str, message: str) -> None:
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    refused(run("validate", kind, str(path)), f"{path}: {message}")


POLICY_CASES = [
    ("Statement twice", _POLICY.replace('"Statement"', '"Statement":[],"Statement"') % "", "duplicate key"),
    ("NaN in a condition", _POLICY % ',"Condition":{"NumericLessThan":{"a:b":NaN}}', "NaN is not valid JSON"),
    ("huge integer", _POLICY % _HUGE_CONDITION, "5000 digits"),
    ("deep", "[" * 5000, "nested deeper than 64 levels"),
    ("inner document twice", _INNER_TWICE, "duplicate key"),
]


@pytest.mark.parametrize(("name", "text", "message"), POLICY_CASES, ids=[c[0] for c in POLICY_CASES])
def test_check_policy(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / "policy.json"
    path.write_text(text, encoding="utf-8")
    result = run("check", "--policy", str(path))
    refused(result, f"{path}: ")
    assert message in result.stderr
