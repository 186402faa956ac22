"""One set of messages for every source of a declaration: pydantic's errors as (key path, message) in the
stack file's terms, and the one UserInputError that names the first problem and lists the rest."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from icekit.errors import UserInputError
from icekit.facts.file_types import EXTENSION_PATTERN
from icekit.facts.formats import supported_list
from icekit.facts.names import NAME_PATTERN
from icekit.keypath import join_key_path
from icekit.models.problems import FIELD_RULE, value_kind
from icekit.stack.keys import NAMESPACE, config_key
from icekit.stack.secret import SecretValue

__all__ = ["Problems", "error_lines", "raise_problems"]

# (key path, message), in the declaration's order.
Problems = list[tuple[str, str]]

# Tags pydantic inserts into error locations for discriminated unions; not part of the user's path.
_UNION_TAGS = {"http", "mns"}


def _loc_to_path(loc: Sequence[str | int]) -> tuple[str, bool]:
    """Returns the key path and whether the error is about a mapping key (pydantic's `[key]` marker)."""
    if not loc:
        return NAMESPACE, False
    parts = list(loc)
    is_key = parts[-1] == "[key]"
    if is_key:
        parts = parts[:-1]
    if parts[0] == "callbacks" and len(parts) > 2 and parts[2] in _UNION_TAGS:
        del parts[2]
    return join_key_path(config_key(str(parts[0])), parts[1:]), is_key


# pydantic names Python types ("a valid dictionary or instance of AppDecl"); say it in YAML terms.
_EXPECTED = {
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "list_type": "a list",
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


SECURE_KIND = "a `secure:` value"


_YAML_KINDS = {
    "null": "nothing (null)",
    "bool": "true/false",
    "number": "a number",
    "string": "a string",
    "list": "a list",
    "mapping": "a mapping",
}


def _yaml_kind(value: object) -> str:
    kind = value_kind(value)
    if kind is not None:
        return _YAML_KINDS[kind]
    return SECURE_KIND if isinstance(value, SecretValue) else type(value).__name__


def _message(error: dict[str, object], is_key: bool) -> str:
    kind = error.get("type")
    msg = str(error.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if isinstance(kind, str) and kind in _EXPECTED:
        got = _yaml_kind(error.get("input"))
        if got == SECURE_KIND:
            # Only auth keys are read as secrets; any other secret would land in clear in ARNs and documents.
            return (
                f"must be {_EXPECTED[kind]}, got {SECURE_KIND}: only callback auth keys "
                "(icekit:callbacks.<name>.authKey) may be secrets"
            )
        return f"must be {_EXPECTED[kind]}, got {got}"
    ctx = error.get("ctx")
    if kind == "string_pattern_mismatch" and isinstance(ctx, dict):
        value = error.get("input")
        if ctx.get("pattern") == NAME_PATTERN:
            what = "name" if is_key else "value"
            return (
                f"{value!r} is not a valid {what}: 2-32 lower-case letters, digits and hyphens, "
                "starting with a letter and not ending with a hyphen"
            )
        if ctx.get("pattern") == EXTENSION_PATTERN:
            return f"extension {value!r}: letters and digits only, no dot"
        return f"{value!r} does not have the required form {ctx.get('pattern')}"
    if kind == FIELD_RULE and isinstance(ctx, dict):
        return _field_rule_message(ctx)
    if kind == "union_tag_invalid" and isinstance(ctx, dict):
        return f"{ctx.get('tag')!r} is not allowed (allowed: {ctx.get('expected_tags')})"
    msg = msg.removeprefix("Value error, ")
    return f"invalid name: {msg}" if is_key else msg


def _field_rule_message(ctx: dict[str, Any]) -> str:
    """A shared model's cross-field rule (icekit.models.upload_rules), in the stack file's terms."""
    misfits, file_type = ctx.get("misfits"), ctx.get("file_type")
    if isinstance(misfits, list) and isinstance(file_type, str):
        return (
            f"{', '.join(misfits)}: not {file_type} extensions ICE supports "
            f"(supported: {supported_list(file_type)})"
        )
    if "limit" in ctx:
        return f"{ctx['size']} exceeds the 5 GB ({ctx['limit']}) audio/video limit"
    return str(ctx.get("rule"))


def error_lines(exc: ValidationError) -> Problems:
    """(key path, message) for each problem, in pydantic's order (the declaration's order)."""
    lines: Problems = []
    for error in exc.errors(include_url=False):
        path, is_key = _loc_to_path(error["loc"])
        ctx = error.get("ctx") or {}
        if error["type"] == "union_tag_invalid" and ctx.get("discriminator"):
            # the error is about the discriminating key (`kind`), not the whole object
            path = f"{path}.{str(ctx['discriminator']).strip(chr(39))}"
        if error["type"] == FIELD_RULE and ctx.get("field"):
            path = f"{path}.{ctx['field']}"
        lines.append((path, _message(dict(error), is_key)))
    return lines


def raise_problems(problems: Problems, file: str | Path) -> None:
    """One UserInputError naming the first problem's key path; further problems follow on their own lines."""
    if not problems:
        return
    (key_path, message), rest = problems[0], problems[1:]
    if rest:
        more = "".join(f"\n  {path}: {msg}" for path, msg in rest)
        message = f"{message}\n{len(rest)} more problem(s):{more}"
    raise UserInputError(message, file=file, key_path=key_path)
