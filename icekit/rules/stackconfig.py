"""The guardrail inputs a stack file declares: environment, `icekit:guardrails`, `icekit:suppressions`.

Environment: `icekit:environment` when declared; otherwise the stack's name when it is `dev`, `staging` or
`prod` (or ends with `-dev`, `-staging`, `-prod`); otherwise `prod`, so an unnamed environment gets the
strictest rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icekit.stack import ConfigSource, StackFile, build_guardrails
from icekit.stack.guardrails import GuardrailSettings, Suppression
from icekit.stack.guardrails import environment_from_stack_name as stack_name_environment

__all__ = [
    "StackGuardrails",
    "environment_from_stack_name",
    "guardrails_from_config",
    "load_stack_guardrails",
]


@dataclass(frozen=True)
class StackGuardrails:
    environment: str
    environment_source: str  # "declared" | "stack name" | "default"
    settings: GuardrailSettings = field(default_factory=GuardrailSettings)
    suppressions: tuple[Suppression, ...] = ()


def environment_from_stack_name(stack: str) -> tuple[str, str]:
    environment = stack_name_environment(stack)
    named = stack.lower() == environment or stack.lower().endswith(f"-{environment}")
    return environment, "stack name" if named else "default"


def guardrails_from_config(config: Mapping[str, Any], stack: str, file: str | None = None) -> StackGuardrails:
    """From a stack's `config:` mapping (as in Pulumi.<stack>.yaml, or pulumi.Config in the policy pack)."""
    declared = build_guardrails(ConfigSource(stack=stack, file=file or "stack config", values=config))
    environment: str
    if declared.environment is not None:
        environment, source = declared.environment, "declared"
    else:
        environment, source = environment_from_stack_name(stack)
    return StackGuardrails(environment, source, declared.guardrails, tuple(declared.suppressions))


def load_stack_guardrails(stack_file: Path, stack: str) -> StackGuardrails:
    """From a stack file, read by the declaration's own reader (one set of messages)."""
    return guardrails_from_config(StackFile.read(stack_file).values, stack, str(stack_file))
