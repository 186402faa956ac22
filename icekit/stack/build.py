"""The one build: a source's values (icekit.stack.sources) -> a validated declaration, or one UserInputError
naming the file and the key path (icekit.stack.messages). Every source goes through here."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from icekit.errors import UserInputError
from icekit.facts.regions import SUPPORTED_REGIONS
from icekit.stack.keys import NAMESPACE, REGION_KEY, config_key
from icekit.stack.messages import error_lines, raise_problems
from icekit.stack.model import GuardrailDeclaration, StackDeclaration
from icekit.stack.references import reference_problems
from icekit.stack.sources import Source
from icekit.stack.stack_file import StackFile

__all__ = ["KNOWN_KEYS", "SCALAR_KEYS", "build_declaration", "build_guardrails", "load_stack"]

# The `icekit:` keys a stack may set, and which of them are plain strings (the rest are objects or lists).
KNOWN_KEYS = tuple(
    sorted(
        config_key(field.alias or name)
        for name, field in StackDeclaration.model_fields.items()
        if name not in ("stack", "region")
    )
)
SCALAR_KEYS = ("icekit:accountId", "icekit:environment", "icekit:eventCallback")

Model = TypeVar("Model", GuardrailDeclaration, StackDeclaration)


def _required_region(region: Any, file: str | Path) -> None:
    if region is None:
        raise UserInputError(
            "required: the stack's region (one of " + ", ".join(SUPPORTED_REGIONS) + ")",
            file=file,
            key_path=REGION_KEY,
        )
    if not isinstance(region, str):
        raise UserInputError(
            "must be a plain string, one of " + ", ".join(SUPPORTED_REGIONS), file=file, key_path=REGION_KEY
        )
    if region not in SUPPORTED_REGIONS:
        raise UserInputError(
            f"region {region!r} has no CreateUploadMedia; use one of {', '.join(SUPPORTED_REGIONS)}",
            file=file,
            key_path=REGION_KEY,
        )


def _validated(model: type[Model], source: Source) -> Model:
    """The model's part of the source's values: unknown `icekit:` keys and every broken rule are errors."""
    prefix = f"{NAMESPACE}:"
    unknown = sorted(k for k in source.values if k.startswith(prefix) and k not in KNOWN_KEYS)
    raise_problems(
        [(k, "unknown icekit setting (known: " + ", ".join(KNOWN_KEYS) + ")") for k in unknown], source.file
    )
    # config key -> the field's alias, the stack file's own spelling (so errors name the keys as written)
    fields = {
        config_key(field.alias or name): field.alias or name for name, field in model.model_fields.items()
    }
    data: dict[str, Any] = {"stack": source.stack}
    for key, value in source.values.items():
        if key in fields and key != config_key("stack"):
            # the CLI hands scalars to programs as strings; an unquoted YAML number means the same
            scalar = key in SCALAR_KEYS and isinstance(value, int | float) and not isinstance(value, bool)
            data[fields[key]] = str(value) if scalar else value
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise_problems(error_lines(exc), source.file)
        raise  # unreachable: a ValidationError always carries at least one error


def build_declaration(source: Source) -> StackDeclaration:
    """The whole declaration: model, region and the references between sections."""
    _required_region(source.values.get(REGION_KEY), source.file)
    declaration = _validated(StackDeclaration, source)
    raise_problems(reference_problems(declaration), source.file)
    return declaration


def build_guardrails(source: Source) -> GuardrailDeclaration:
    """Only what the guardrails read (region, environment, account, settings, suppressions); the rest of the
    namespace is left to the program that uses it."""
    return _validated(GuardrailDeclaration, source)


def load_stack(stack_file: Path) -> StackDeclaration:
    """Read and validate a stack file's declaration. Never decrypts `secure:` values."""
    return build_declaration(StackFile.read(stack_file))
