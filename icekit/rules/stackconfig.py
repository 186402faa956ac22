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

from pydantic import TypeAdapter, ValidationError

from icekit.errors import UserInputError
from icekit.keypath import join_key_path
from icekit.rules.context import ENVIRONMENTS
from icekit.rules.settings import GuardrailSettings, Suppression

__all__ = [
    "StackGuardrails",
    "environment_from_stack_name",
    "guardrails_from_config",
    "load_stack_config",
    "load_stack_guardrails",
]

ENVIRONMENT_KEY = "icekit:environment"
GUARDRAILS_KEY = "icekit:guardrails"
SUPPRESSIONS_KEY = "icekit:suppressions"
_SUPPRESSIONS = TypeAdapter(list[Suppression])


@dataclass(frozen=True)
class StackGuardrails:
    environment: str
    environment_source: str  # "declared" | "stack name" | "default"
    settings: GuardrailSettings = field(default_factory=GuardrailSettings)
    suppressions: tuple[Suppression, ...] = ()


def environment_from_stack_name(stack: str) -> tuple[str, str]:
    name = stack.lower()
    for env in ENVIRONMENTS:
        if name == env or name.endswith(f"-{env}"):
            return env, "stack name"
    return "prod", "default"


def _raise(exc: ValidationError, root: str, file: str | None) -> None:
    error = exc.errors(include_url=False)[0]
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    raise UserInputError(message, file=file, key_path=join_key_path(root, error["loc"])) from None


def guardrails_from_config(config: Mapping[str, Any], stack: str, file: str | None = None) -> StackGuardrails:
    """From a stack's `config:` mapping (as in Pulumi.<stack>.yaml, or pulumi.Config in the policy pack)."""
    declared = config.get(ENVIRONMENT_KEY)
    if declared is None:
        environment, source = environment_from_stack_name(stack)
    elif declared in ENVIRONMENTS:
        environment, source = str(declared), "declared"
    else:
        raise UserInputError(
            f"must be one of {', '.join(ENVIRONMENTS)}, got {declared!r}", file=file, key_path=ENVIRONMENT_KEY
        )
    settings = GuardrailSettings()
    suppressions: list[Suppression] = []
    try:
        settings = GuardrailSettings.model_validate(config.get(GUARDRAILS_KEY) or {})
    except ValidationError as exc:
        _raise(exc, GUARDRAILS_KEY, file)
    try:
        suppressions = _SUPPRESSIONS.validate_python(config.get(SUPPRESSIONS_KEY) or [])
    except ValidationError as exc:
        _raise(exc, SUPPRESSIONS_KEY, file)
    return StackGuardrails(environment, source, settings, tuple(suppressions))


def load_stack_config(stack_file: Path) -> dict[str, Any]:
    """A stack file's `config:`, read by the spec's own reader (one set of messages, the duplicate-key
    check)."""
    from icekit.spec import read_stack_config  # lazily: icekit.spec imports icekit.rules.settings

    return read_stack_config(stack_file)


def load_stack_guardrails(stack_file: Path, stack: str) -> StackGuardrails:
    """From a stack file (`load_stack_config`)."""
    return guardrails_from_config(load_stack_config(stack_file), stack, str(stack_file))
