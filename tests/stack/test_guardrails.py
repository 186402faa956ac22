"""The guardrail settings and suppressions a stack declares (icekit.stack.guardrails), built like the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from icekit.errors import UserInputError
from icekit.stack import ConfigSource, GuardrailSettings, StackFile, Suppression, build_guardrails


def test_suppression_needs_a_reason() -> None:
    with pytest.raises(ValueError):
        Suppression(rule="RAM101", resource="x", reason="")


def test_a_blank_reason_is_no_reason() -> None:
    with pytest.raises(ValueError, match="at least 10 characters"):
        Suppression(rule="RAM101", resource="x", reason=" " * 12)
    assert Suppression(rule="RAM101", resource="x", reason="  ticket 42 open  ").reason == "ticket 42 open"


@pytest.mark.parametrize("key", ["", " ", "*", "RAM1O1", "XYZ"])
def test_enforcement_key_must_name_a_rule(key: str) -> None:
    # `"": disabled` would match (and turn off) every rule; a typo would change nothing, silently.
    with pytest.raises(ValueError, match="neither a rule id nor the start of one"):
        GuardrailSettings.model_validate({"enforcement": {key: "disabled"}})


def test_enforcement_error_names_the_file_and_key_path() -> None:
    config = {"icekit:guardrails": {"enforcement": {"": "disabled"}}}
    with pytest.raises(UserInputError) as caught:
        build_guardrails(ConfigSource(stack="prod", file="stacks/Pulumi.prod.yaml", values=config))
    assert str(caught.value).startswith(
        "stacks/Pulumi.prod.yaml: icekit:guardrails.enforcement: '' is neither"
    )


def test_settings_stay_backward_compatible() -> None:
    settings = GuardrailSettings.model_validate(
        {"requiredConditions": ["acs:MFAPresent"], "enforcement": {"CB4": "mandatory"}}
    )
    assert settings.required_conditions == ["acs:MFAPresent"]
    assert settings.environment_defaults is True
    with pytest.raises(ValueError):
        GuardrailSettings.model_validate({"unknown": 1})


def test_non_utf8_stack_file_is_a_user_error(tmp_path: Path) -> None:
    stack_file = tmp_path / "Pulumi.dev.yaml"
    stack_file.write_bytes(b"config:\n  icekit:environment: dev # caf\xe9\n")
    with pytest.raises(
        UserInputError, match=r"Pulumi\.dev\.yaml: not UTF-8 text: byte 0xe9 at line 2, column 32$"
    ):
        StackFile.read(stack_file)


@pytest.mark.parametrize("key", ["", "*", "SourceIp", "acs:*", "acs: SourceIp"])
def test_required_condition_must_be_a_condition_key(key: str) -> None:
    # Before: accepted, and every Allow statement then "lacks condition , *" with no way to fix it.
    with pytest.raises(ValueError, match="is not a condition key such as acs:SourceIp"):
        GuardrailSettings.model_validate({"requiredConditions": ["acs:SecureTransport", key]})
    assert GuardrailSettings.model_validate({"requiredConditions": ["acs:MFAPresent", "oss:Prefix"]})
