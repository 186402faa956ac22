"""Turn a namespaced config mapping (`icekit:apps` -> value) into a StackDeclaration or a UserInputError."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from icekit.errors import UserInputError
from icekit.facts.regions import SUPPORTED_REGIONS
from icekit.stack.keypath import NAMESPACE, REGION_KEY, config_key, error_lines
from icekit.stack.model import StackDeclaration
from icekit.stack.references import reference_problems

__all__ = ["KNOWN_KEYS", "SCALAR_KEYS", "build_spec", "raise_problems"]

# The `icekit:` keys a stack may set, and which of them are plain strings (the rest are objects or lists).
KNOWN_KEYS = tuple(
    sorted(
        config_key(field.alias or name)
        for name, field in StackDeclaration.model_fields.items()
        if name not in ("stack", "region")
    )
)
SCALAR_KEYS = ("icekit:accountId", "icekit:environment", "icekit:eventCallback")


def raise_problems(problems: list[tuple[str, str]], file: str | Path) -> None:
    """One UserInputError naming the first problem's key path; further problems follow on their own lines."""
    if not problems:
        return
    (key_path, message), rest = problems[0], problems[1:]
    if rest:
        more = "".join(f"\n  {path}: {msg}" for path, msg in rest)
        message = f"{message}\n{len(rest)} more problem(s):{more}"
    raise UserInputError(message, file=file, key_path=key_path)


def build_spec(config: Mapping[str, Any], *, stack: str, file: str | Path) -> StackDeclaration:
    """`config` maps full config keys to values (objects already parsed, `secure:` values as SecretValue)."""
    region = config.get(REGION_KEY)
    if region is None:
        raise UserInputError(
            "required: the stack's region (one of " + ", ".join(SUPPORTED_REGIONS) + ")",
            file=file,
            key_path=REGION_KEY,
        )
    if not isinstance(region, str):
        raise UserInputError(
            "must be a plain string, one of " + ", ".join(SUPPORTED_REGIONS),
            file=file,
            key_path=REGION_KEY,
        )
    if region not in SUPPORTED_REGIONS:
        raise UserInputError(
            f"region {region!r} has no CreateUploadMedia; use one of {', '.join(SUPPORTED_REGIONS)}",
            file=file,
            key_path=REGION_KEY,
        )
    prefix = f"{NAMESPACE}:"
    unknown = sorted(k for k in config if k.startswith(prefix) and k not in KNOWN_KEYS)
    raise_problems(
        [(k, "unknown icekit setting (known: " + ", ".join(KNOWN_KEYS) + ")") for k in unknown], file
    )

    data: dict[str, Any] = {"stack": stack, "region": region}
    for key, value in config.items():
        if key in KNOWN_KEYS:
            # the CLI hands scalars to programs as strings; an unquoted YAML number means the same
            scalar = key in SCALAR_KEYS and isinstance(value, int | float) and not isinstance(value, bool)
            data[key.removeprefix(prefix)] = str(value) if scalar else value
    try:
        spec = StackDeclaration.model_validate(data)
    except ValidationError as exc:
        raise_problems(error_lines(exc), file)
        raise  # unreachable: a ValidationError always carries at least one error
    raise_problems(reference_problems(spec), file)
    return spec
