"""The environments a stack declares (`icekit:environment`); prod turns on stricter guardrails."""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["ENVIRONMENTS", "STRICTEST_ENVIRONMENT", "Environment"]

Environment = Literal["dev", "staging", "prod"]
ENVIRONMENTS: tuple[Environment, ...] = get_args(Environment)
# What an unknown or undeclared environment is judged as: fail closed.
STRICTEST_ENVIRONMENT: Environment = "prod"
