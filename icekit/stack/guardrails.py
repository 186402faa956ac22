"""Guardrail settings a stack declares under `icekit:guardrails` and `icekit:suppressions`.

Part of the declaration (icekit.stack.model embeds them, so the whole declaration is validated at once); the
rules (icekit.rules) read them from here. Enforcement keys are checked against icekit.facts.rule_ids, so
validating a declaration never loads the rules.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator

from icekit.facts.environments import ENVIRONMENTS, STRICTEST_ENVIRONMENT, Environment, Tier
from icekit.facts.rule_ids import ALL_RULE_IDS, id_matches
from icekit.stack.base import Decl

__all__ = [
    "Enforcement",
    "GuardrailSettings",
    "Suppression",
    "environment_from_stack_name",
    "known_rule_pattern",
]

Enforcement = Literal["advisory", "mandatory", "disabled"]


_CONDITION_KEY = re.compile(r"[A-Za-z][A-Za-z0-9-]*:[A-Za-z0-9][A-Za-z0-9_.:/-]*")


def known_rule_pattern(key: str) -> str:
    """A rule id or id prefix (`RAM101`, `RAM1`, `CB4`) that selects at least one rule. The empty key would
    select every rule and a typo none: either would change enforcement or suppress silently, so both are
    refused, with the closest rule id suggested."""
    if key.strip() and any(id_matches(key, rule_id) for rule_id in ALL_RULE_IDS):
        return key
    close = difflib.get_close_matches(key.upper(), ALL_RULE_IDS, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]}? " if close else ""
    raise ValueError(
        f"{key!r} is neither a rule id nor the start of one ({hint}rules: {', '.join(ALL_RULE_IDS)}; "
        "prefixes such as RAM or CB4 select several)"
    )


def _condition_key(value: str) -> str:
    if not _CONDITION_KEY.fullmatch(value):
        raise ValueError(f"{value!r} is not a condition key such as acs:SourceIp or acs:SecureTransport")
    return value


class Suppression(Decl):
    """Silences one rule (or every rule whose id starts with the prefix) on one resource, with a reason."""

    rule: Annotated[str, AfterValidator(known_rule_pattern)] = Field(
        min_length=1, description="Rule id or id prefix, e.g. `RAM101` or `OSS`."
    )
    resource: str = Field(min_length=1, description="Logical name of the resource, or an app name.")
    # Stripped first: ten spaces are no reason.
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10)] = Field(
        description="Why this is acceptable; shown with every suppressed finding."
    )


class GuardrailSettings(Decl):
    """Per-stack tuning of the rules: enforcement overrides and required RAM conditions."""

    enforcement: dict[str, Enforcement] = Field(
        default_factory=dict, description="Rule id or prefix -> enforcement level overriding the default."
    )
    # `acs:SourceIp`, `oss:Prefix`: an empty or wildcard key would only ever produce unfixable findings.
    required_conditions: list[Annotated[str, AfterValidator(_condition_key)]] = Field(
        default_factory=list,
        alias="requiredConditions",
        description="Condition keys every Allow statement must carry, e.g. `acs:SecureTransport`.",
    )
    tier: Tier | None = Field(
        default=None,
        description="Guardrail strictness: `development` or `production`; unset: told by the environment's "
        "name (icekit.facts.environments.tier_of), production unless clearly a development name.",
    )
    environment_defaults: bool = Field(
        default=True,
        alias="environmentDefaults",
        description="Also require the environment's default conditions: `acs:SecureTransport` everywhere, "
        "`acs:SourceIp` in prod.",
    )

    @field_validator("enforcement")
    @classmethod
    def _known_rules(cls, value: dict[str, Enforcement]) -> dict[str, Enforcement]:
        """`"": disabled` would turn every guardrail off, a typo none (known_rule_pattern)."""
        for key in value:
            known_rule_pattern(key)
        return value

    def enforcement_for(self, rule_id: str, default: Enforcement) -> Enforcement:
        """The override whose key is the longest id or prefix of `rule_id`, else `default`."""
        keys = [key for key in self.enforcement if id_matches(key, rule_id)]
        if not keys:
            return default
        return self.enforcement[max(keys, key=len)]


def environment_from_stack_name(stack: str) -> Environment:
    """When `icekit:environment` is not declared: the stack's name if it is `dev`, `staging` or `prod` (or
    ends with `-dev`, `-staging`, `-prod`), else prod, so an unnamed environment gets the strictest rules."""
    name = stack.lower()
    for env in ENVIRONMENTS:
        if name == env or name.endswith(f"-{env}"):
            return env
    return STRICTEST_ENVIRONMENT
