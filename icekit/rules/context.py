"""What a rule may know besides the resources: stack name, region, environment, account, settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from icekit.facts.environments import STRICTEST_ENVIRONMENT
from icekit.stack.guardrails import GuardrailSettings

__all__ = ["RuleContext"]

# Conditions every environment requires unless GuardrailSettings.environmentDefaults is false.
_DEFAULT_CONDITIONS: dict[str, tuple[str, ...]] = {
    "dev": ("acs:SecureTransport",),
    "staging": ("acs:SecureTransport",),
    "prod": ("acs:SecureTransport", "acs:SourceIp"),
}


@dataclass(frozen=True)
class RuleContext:
    stack: str
    region: str
    environment: str
    account_id: str | None = None
    settings: GuardrailSettings = field(default_factory=GuardrailSettings)

    @property
    def is_prod(self) -> bool:
        return self.environment == "prod"

    @property
    def required_conditions(self) -> tuple[str, ...]:
        """Declared plus environment defaults, de-duplicated case-insensitively, in a stable order."""
        keys: list[str] = list(self.settings.required_conditions)
        if self.settings.environment_defaults:
            # an unknown environment gets prod's defaults: fail closed
            keys.extend(_DEFAULT_CONDITIONS.get(self.environment, _DEFAULT_CONDITIONS[STRICTEST_ENVIRONMENT]))
        seen: dict[str, str] = {}
        for key in keys:
            seen.setdefault(key.lower(), key)
        return tuple(sorted(seen.values(), key=str.lower))
