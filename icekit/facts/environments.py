"""Environments (`icekit:environment`) are the team's own names; what they change is a guardrail tier.

An environment is any safe name (ENVIRONMENT_PATTERN: 1 to 32 lower-case letters, digits and hyphens, starting
with a letter, not ending with a hyphen): `qa`, `perf`, `eu-prod`, `tenant-42`. The strictness of the
guardrails is a tier, `development` or `production` (docs/guardrails.md, "Environment and tier"): declared
with `icekit:guardrails.tier`, else told by the name. Only names that are clearly a development one get the
development tier; every other name, unknown ones included, gets production: fail closed.
"""

from __future__ import annotations

import re
from typing import Final, Literal, get_args

__all__ = [
    "DEVELOPMENT_NAMES",
    "ENVIRONMENTS",
    "ENVIRONMENT_PATTERN",
    "STRICTEST_ENVIRONMENT",
    "TIERS",
    "Environment",
    "Tier",
    "is_environment_name",
    "tier_of",
]

# An environment name: safe in a resource name, a file name and a shell word.
ENVIRONMENT_PATTERN: Final = r"^[a-z](?:[a-z0-9-]{0,30}[a-z0-9])?$"
Environment = str

# The names icekit has always known; a stack named after one of them (or `<x>-<name>`) needs no declaration.
ENVIRONMENTS: tuple[str, ...] = ("dev", "staging", "prod")
# What an undeclared environment is judged as: fail closed.
STRICTEST_ENVIRONMENT: Final = "prod"

Tier = Literal["development", "production"]
TIERS: tuple[Tier, ...] = get_args(Tier)

# Clearly development: these names, `<name>-...` or `...-<name>`. `staging` keeps the lighter defaults it
# always had (it was never prod-strict); `qa`, `perf`, `uat` and the like are not clearly development.
DEVELOPMENT_NAMES: Final = frozenset({"dev", "development", "staging", "test", "sandbox", "local"})


def is_environment_name(name: str) -> bool:
    return re.fullmatch(ENVIRONMENT_PATTERN, name) is not None


def tier_of(environment: str) -> Tier:
    """The tier an environment name tells: development for a clearly development name, else production."""
    name = environment.lower()
    parts = name.split("-")
    says_development = parts[0] in DEVELOPMENT_NAMES or parts[-1] in DEVELOPMENT_NAMES
    # `prod-dev`, `dev-prod`: a name that also says prod is not clearly development
    says_prod = "prod" in parts or "production" in parts
    return "development" if says_development and not says_prod else "production"
