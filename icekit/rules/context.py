"""What a rule may know besides the resources: stack name, region, environment, account, settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from icekit.facts.environments import Tier, tier_of
from icekit.ram import PolicyDocument, parsed_or_none
from icekit.rules.memo import Memo
from icekit.stack.guardrails import GuardrailSettings

if TYPE_CHECKING:
    from icekit.access.least_privilege import DeclaredAccess

__all__ = ["RuleContext"]

# Conditions each tier requires unless GuardrailSettings.environmentDefaults is false.
_DEFAULT_CONDITIONS: dict[Tier, tuple[str, ...]] = {
    "development": ("acs:SecureTransport",),
    "production": ("acs:SecureTransport", "acs:SourceIp"),
}


@dataclass(frozen=True)
class RuleContext:
    stack: str
    region: str
    environment: str
    account_id: str | None = None
    settings: GuardrailSettings = field(default_factory=GuardrailSettings)
    # What each app asks for (its client configuration and declared conditions), for RAM108; None when
    # the front end does not know it (a policy pack sees resources, not stack outputs).
    declared_access: tuple[DeclaredAccess, ...] | None = None
    # What rules derive from repeated documents, for this evaluation only (icekit.rules.memo).
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)

    def document(self, text: str | None) -> PolicyDocument | None:
        """`parsed_or_none(text)`, read once per evaluation however many rules and resources ask."""
        return self.memo.get("document", text, lambda: parsed_or_none(text))

    @property
    def tier(self) -> Tier:
        """The declared `icekit:guardrails.tier`, else the one the environment's name tells (fail closed)."""
        return self.settings.tier or tier_of(self.environment)

    @property
    def is_prod(self) -> bool:
        """Production-level strictness (the production tier), whatever the environment is called."""
        return self.tier == "production"

    @property
    def required_conditions(self) -> tuple[str, ...]:
        """Declared plus environment defaults, de-duplicated case-insensitively, in a stable order."""
        keys: list[str] = list(self.settings.required_conditions)
        if self.settings.environment_defaults:
            keys.extend(_DEFAULT_CONDITIONS[self.tier])
        seen: dict[str, str] = {}
        for key in keys:
            seen.setdefault(key.lower(), key)
        return tuple(sorted(seen.values(), key=str.lower))
