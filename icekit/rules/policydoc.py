"""RAM policy documents (permission and trust policies), parsed once into statements the rules walk.

Grammar (Alibaba Cloud RAM, see /work/shared/reference/ice-upload-facts.md): `Version` "1"; `Statement` a
list of objects with `Effect` Allow|Deny, `Action` or `NotAction`, `Resource` or `NotResource` (permission
policies), `Principal` (trust policies) and an optional `Condition` {operator: {key: value}}.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

__all__ = [
    "MAX_POLICY_CHARS",
    "PolicyDocument",
    "PolicyDocumentError",
    "Statement",
    "document_kind",
    "parse_document",
]

# RAM: a custom policy document is limited to 6,144 characters.
MAX_POLICY_CHARS = 6144


class PolicyDocumentError(ValueError):
    """The value is not a RAM policy document; the message says why in user words."""


@dataclass(frozen=True)
class Statement:
    index: int
    effect: str
    actions: tuple[str, ...]
    not_actions: tuple[str, ...] | None
    resources: tuple[str, ...]
    not_resources: tuple[str, ...] | None
    principal: Any
    condition: Mapping[str, Any]

    @property
    def allows(self) -> bool:
        return self.effect == "Allow"

    @property
    def condition_keys(self) -> frozenset[str]:
        """Condition keys across all operators, lower-case (RAM condition keys are case-insensitive)."""
        keys: set[str] = set()
        for block in self.condition.values():
            if isinstance(block, Mapping):
                keys.update(str(key).lower() for key in block)
        return frozenset(keys)

    def condition_values(self, key: str) -> list[Any]:
        """Every value given for `key` (case-insensitive) under any operator, lists flattened."""
        values: list[Any] = []
        for block in self.condition.values():
            if not isinstance(block, Mapping):
                continue
            for name, value in block.items():
                if str(name).lower() == key.lower():
                    values.extend(value if isinstance(value, list) else [value])
        return values


@dataclass(frozen=True)
class PolicyDocument:
    text: str
    statements: tuple[Statement, ...]

    @property
    def size(self) -> int:
        return len(self.text)


@lru_cache(maxsize=1024)
def parsed_or_none(text: str | None) -> PolicyDocument | None:
    """The parsed document, or None when there is none or it is malformed (RAM100 reports malformed ones).

    Cached: every RAM1xx/STS2xx rule reads the same document, and a document is immutable text.
    """
    if text is None:
        return None
    try:
        return parse_document(text)
    except PolicyDocumentError:
        return None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise PolicyDocumentError(f"{where} must be a string or a list of strings")


def parse_document(value: Any) -> PolicyDocument:
    """A JSON string (as RAM and pulumi-alicloud take it) or an already-decoded mapping."""
    if isinstance(value, str):
        text = value
        try:
            data = json.loads(value)
        except json.JSONDecodeError as exc:
            raise PolicyDocumentError(
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from None
    elif isinstance(value, Mapping):
        data = dict(value)
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    else:
        kind = "an array" if isinstance(value, list) else type(value).__name__
        raise PolicyDocumentError(
            f"a RAM policy document is a JSON object with `Version` and `Statement`, got {kind}"
        )
    if not isinstance(data, Mapping):
        raise PolicyDocumentError("a RAM policy document is a JSON object with `Version` and `Statement`")
    if "Statement" not in data:
        raise PolicyDocumentError("it has no `Statement`")
    version = data.get("Version")
    if version is not None and version != "1":
        raise PolicyDocumentError(f'`Version` must be "1", got {version!r}')
    raw = data["Statement"]
    if isinstance(raw, Mapping):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise PolicyDocumentError("`Statement` must be a non-empty list of statements")
    return PolicyDocument(text=text, statements=tuple(_statement(i, item) for i, item in enumerate(raw)))


def _statement(index: int, item: Any) -> Statement:
    where = f"Statement[{index}]"
    if not isinstance(item, Mapping):
        raise PolicyDocumentError(f"{where} must be an object")
    effect = item.get("Effect")
    if effect not in ("Allow", "Deny"):
        raise PolicyDocumentError(f'{where}.Effect must be "Allow" or "Deny", got {effect!r}')
    if ("Action" in item) == ("NotAction" in item):
        raise PolicyDocumentError(f"{where} needs exactly one of `Action` or `NotAction`")
    if "Resource" in item and "NotResource" in item:
        raise PolicyDocumentError(f"{where} may not have both `Resource` and `NotResource`")
    condition = item.get("Condition", {})
    if not isinstance(condition, Mapping):
        raise PolicyDocumentError(f"{where}.Condition must be an object")
    return Statement(
        index=index,
        effect=effect,
        actions=_strings(item["Action"], f"{where}.Action") if "Action" in item else (),
        not_actions=_strings(item["NotAction"], f"{where}.NotAction") if "NotAction" in item else None,
        resources=_strings(item["Resource"], f"{where}.Resource") if "Resource" in item else (),
        not_resources=_strings(item["NotResource"], f"{where}.NotResource")
        if "NotResource" in item
        else None,
        principal=item.get("Principal"),
        condition=condition,
    )


def document_kind(document: PolicyDocument) -> Literal["permission", "trust"]:
    """A trust policy names who may assume the role (`Principal`); a permission policy names resources."""
    if any(statement.principal is not None for statement in document.statements):
        return "trust"
    return "permission"
