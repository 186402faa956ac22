"""Turn pydantic's validation errors into user words: `<Field.path>: <rule>`, one problem per broken rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from icekit.errors import UserInputError
from icekit.keypath import join_key_path

__all__ = [
    "FIELD_RULE",
    "InvalidDocumentError",
    "Problem",
    "field_rule_error",
    "field_rules_error",
    "problems_from",
    "value_kind",
]

# Cross-field rules live in model validators; this error type carries the field they are about.
FIELD_RULE = "icekit_field_rule"


@dataclass(frozen=True)
class Problem:
    path: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}: {self.rule}" if self.path else self.rule


class InvalidDocumentError(UserInputError):
    """A document broke rules. `key_path`/`message` are the first problem; `problems` holds all."""

    def __init__(self, problems: Sequence[Problem], *, file: str | Path | None = None) -> None:
        if not problems:
            raise ValueError("InvalidDocumentError needs at least one problem")
        super().__init__(problems[0].rule, file=file, key_path=problems[0].path or None)
        self.problems: tuple[Problem, ...] = tuple(problems)

    def lines(self) -> list[str]:
        prefix = f"{self.file}: " if self.file else ""
        return [f"{prefix}{problem}" for problem in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def with_file(self, file: str | Path) -> InvalidDocumentError:
        return InvalidDocumentError(self.problems, file=file)

    def under(self, prefix: str) -> InvalidDocumentError:
        """The same problems, with their paths nested under `prefix` (e.g. `clientConfigs.web`)."""
        nested = [Problem(join_key_path(prefix, [p.path]), p.rule) for p in self.problems]
        return InvalidDocumentError(nested, file=self.file)


def field_rule_error(field: str, rule: str, **details: Any) -> PydanticCustomError:
    """An error from a model validator about one field (pydantic would otherwise locate it at the model).

    `details` travel in the error's context, for readers that phrase the rule in their own terms."""
    return PydanticCustomError(FIELD_RULE, "{rule}", {"field": field, "rule": rule, **details})


def field_rules_error(broken: Sequence[tuple[str, str]]) -> PydanticCustomError:
    """Several (field, rule) problems found by one model validator, reported as separate problems."""
    first_field, first_rule = broken[0]
    return PydanticCustomError(
        FIELD_RULE, "{rule}", {"field": first_field, "rule": first_rule, "more": list(broken[1:])}
    )


def value_kind(value: Any) -> str | None:
    """What a decoded value is: null, bool, number, string, list or mapping (None for anything else), for
    messages that name it in a document's own words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return None


_JSON_KINDS = {
    "null": "null",
    "bool": "true/false",
    "number": "a number",
    "string": "a string",
    "list": "an array",
    "mapping": "an object",
}


def _json_kind(value: Any) -> str:
    kind = value_kind(value)
    return type(value).__name__ if kind is None else _JSON_KINDS[kind]


_EXPECTED_KIND = {
    "int_type": "an integer",
    "int_from_float": "an integer",
    "string_type": "a string",
    "bool_type": "true or false",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "list_type": "an array",
    "tuple_type": "an array",
}


def _rule(error: Any) -> str:
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    if kind == FIELD_RULE:
        return str(ctx["rule"])
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"]))
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a key this object takes (unknown keys are rejected)"
    if kind == "literal_error":
        return f"{value!r} is not allowed (allowed: {ctx.get('expected')})"
    if kind in _EXPECTED_KIND:
        return f"must be {_EXPECTED_KIND[kind]}, got {_json_kind(value)}"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return "must not be empty"
        return f"must be at least {ctx.get('min_length')} characters long"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {ctx.get('max_length')} allowed"
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not have the required form {ctx.get('pattern')}"
    if kind == "greater_than":
        return f"must be greater than {ctx.get('gt')}, got {value!r}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, got {value!r}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, got {value!r}"
    if kind == "too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    return str(error["msg"])


def problems_from(exc: ValidationError, root: str = "") -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc: list[int | str] = list(error["loc"])
        ctx = error.get("ctx") or {}
        if error["type"] == FIELD_RULE and ctx.get("field"):
            loc.append(str(ctx["field"]))
        found = [Problem(join_key_path(root, loc), _rule(error))]
        if error["type"] == FIELD_RULE:
            found += [Problem(join_key_path(root, [*error["loc"], f]), r) for f, r in ctx.get("more", ())]
        problems.extend(p for p in found if p not in problems)
    return problems
