"""What a rule may know besides the resources: stack name, region, environment, account, settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from icekit.rules.settings import GuardrailSettings

if TYPE_CHECKING:
    from icekit.access.least_privilege import DeclaredAccess

__all__ = ["ENVIRONMENTS", "SUPPORTED_REGIONS", "RuleContext"]

ENVIRONMENTS: tuple[str, ...] = ("dev", "staging", "prod")
# Regions where CreateUploadMedia exists (same list as icekit.models.regions; a test keeps them equal).
SUPPORTED_REGIONS: tuple[str, ...] = ("cn-beijing", "cn-shanghai", "cn-shenzhen")

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
    # What each app asks for (its client configuration and declared conditions), for RAM107; None when
    # the front end does not know it (a policy pack sees resources, not stack outputs).
    declared_access: tuple[DeclaredAccess, ...] | None = None

    @property
    def is_prod(self) -> bool:
        return self.environment == "prod"

    @property
    def required_conditions(self) -> tuple[str, ...]:
        """Declared plus environment defaults, de-duplicated case-insensitively, in a stable order."""
        keys: list[str] = list(self.settings.required_conditions)
        if self.settings.environment_defaults:
            # an unknown environment gets prod's defaults: fail closed
            keys.extend(_DEFAULT_CONDITIONS.get(self.environment, _DEFAULT_CONDITIONS["prod"]))
        seen: dict[str, str] = {}
        for key in keys:
            seen.setdefault(key.lower(), key)
        return tuple(sorted(seen.values(), key=str.lower))
