"""Guardrail settings a stack declares under `icekit:guardrails` and `icekit:suppressions`.

The stack declaration model (icekit.spec) embeds these, so the whole declaration is validated at once.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Enforcement", "GuardrailSettings", "Suppression", "id_matches"]

Enforcement = Literal["advisory", "mandatory", "disabled"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Suppression(_Strict):
    """Silences one rule (or every rule whose id starts with the prefix) on one resource, with a reason."""

    rule: str = Field(min_length=1, description="Rule id or id prefix, e.g. `RAM101` or `OSS`.")
    resource: str = Field(min_length=1, description="Logical name of the resource, or an app name.")
    reason: str = Field(
        min_length=10, description="Why this is acceptable; shown with every suppressed finding."
    )


class GuardrailSettings(_Strict):
    """Per-stack tuning of the rules: enforcement overrides and required RAM conditions."""

    enforcement: dict[str, Enforcement] = Field(
        default_factory=dict, description="Rule id or prefix -> enforcement level overriding the default."
    )
    required_conditions: list[str] = Field(
        default_factory=list,
        alias="requiredConditions",
        description="Condition keys every Allow statement must carry, e.g. `acs:SecureTransport`.",
    )
    environment_defaults: bool = Field(
        default=True,
        alias="environmentDefaults",
        description="Also require the environment's default conditions: `acs:SecureTransport` everywhere, "
        "`acs:SourceIp` in prod.",
    )

    def enforcement_for(self, rule_id: str, default: Enforcement) -> Enforcement:
        """The override whose key is the longest id or prefix of `rule_id`, else `default`."""
        keys = [key for key in self.enforcement if id_matches(key, rule_id)]
        if not keys:
            return default
        return self.enforcement[max(keys, key=len)]


def id_matches(pattern: str, rule_id: str) -> bool:
    """`RAM101`, `RAM1` and `RAM` all match rule `RAM101` (case-insensitive), cfn-lint style."""
    return rule_id.upper().startswith(pattern.upper())
