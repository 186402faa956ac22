"""One FileRule and one MediaDefaults: the stack declaration and the client configuration share them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from icekit.clientconfig import ClientConfig
from icekit.models.upload_rules import FileRule, MediaDefaults
from icekit.stack import load_stack

from .samples import client_config_data

STACKS = Path(__file__).resolve().parents[2] / "stacks"


def test_the_declaration_and_the_client_configuration_use_the_same_models() -> None:
    spec = load_stack(STACKS / "Pulumi.dev.yaml")
    app = spec.apps[0]
    assert all(type(rule) is FileRule for rule in app.file_types.values())
    assert type(app.media_defaults) is MediaDefaults
    config = ClientConfig.from_data(client_config_data())
    assert all(type(rule) is FileRule for rule in config.fileRules)
    assert type(config.mediaDefaults) is MediaDefaults


def test_a_declared_rule_takes_its_type_from_the_key() -> None:
    spec = load_stack(STACKS / "Pulumi.dev.yaml")
    for app in spec.apps:
        assert all(rule.type == kind for kind, rule in app.file_types.items())


def test_extensions_are_normalised_once_for_both() -> None:
    rule = FileRule(type="video", extensions=["MP4", "mov", "mp4"], maxSizeBytes=10)
    assert rule.extensions == ["mov", "mp4"]


def test_the_media_defaults_limits_hold_in_client_documents_too() -> None:
    with pytest.raises(ValidationError):
        MediaDefaults(tags=[f"t{i}" for i in range(17)])
    with pytest.raises(ValidationError):
        MediaDefaults(cateId=-1)
