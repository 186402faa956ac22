"""Issue 10: environments are the team's own names; the guardrail tier is declared or told by the name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from icekit.errors import UserInputError
from icekit.facts.environments import tier_of
from icekit.rules.context import RuleContext
from icekit.stack import GuardrailSettings, load_stack

Doc = dict[str, Any]


@pytest.mark.parametrize(
    ("name", "tier"),
    [
        ("dev", "development"),
        ("staging", "development"),
        ("alice-dev", "development"),
        ("dev-tenant-7", "development"),
        ("test", "development"),
        ("prod", "production"),
        ("qa", "production"),
        ("perf", "production"),
        ("eu-prod", "production"),
        ("prod-dev", "production"),
        ("tenant-42", "production"),
    ],
)
def test_the_tier_a_name_tells_fails_closed(name: str, tier: str) -> None:
    assert tier_of(name) == tier


def test_qa_is_a_valid_environment_and_production_strict_by_default(
    dev_document: Doc, write_stack: Callable[[Doc], Path]
) -> None:
    dev_document["config"]["icekit:environment"] = "qa"
    declaration = load_stack(write_stack(dev_document))
    assert declaration.environment == "qa"
    ctx = RuleContext(stack="dev", region="cn-shanghai", environment="qa", settings=declaration.guardrails)
    assert ctx.is_prod and ctx.required_conditions == ("acs:SecureTransport", "acs:SourceIp")


def test_a_declared_tier_overrides_the_name(dev_document: Doc, write_stack: Callable[[Doc], Path]) -> None:
    dev_document["config"]["icekit:environment"] = "qa"
    dev_document["config"]["icekit:guardrails"] = {"tier": "development"}
    declaration = load_stack(write_stack(dev_document))
    ctx = RuleContext(stack="dev", region="cn-shanghai", environment="qa", settings=declaration.guardrails)
    assert not ctx.is_prod and ctx.required_conditions == ("acs:SecureTransport",)
    strict = RuleContext(
        "x", "cn-shanghai", "dev", settings=GuardrailSettings.model_validate({"tier": "production"})
    )
    assert strict.is_prod


def test_an_unknown_tier_names_the_key_path(dev_document: Doc, write_stack: Callable[[Doc], Path]) -> None:
    dev_document["config"]["icekit:guardrails"] = {"tier": "lenient"}
    path = write_stack(dev_document)
    with pytest.raises(UserInputError) as caught:
        load_stack(path)
    assert (caught.value.file, caught.value.key_path) == (str(path), "icekit:guardrails.tier")
    assert "'development' or 'production'" in caught.value.message
