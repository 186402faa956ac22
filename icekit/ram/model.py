"""The one model of a RAM policy document: components build it, rules parse it, review compares it, the
evaluator decides with it.

A statement keeps what its document says, in the document's order. An element that is absent is an empty
tuple; an element that is given is never empty (RAM's grammar has no empty lists). `normalized()` gives
the layout-free form review compares; `icekit.ram.serialize` gives the canonical JSON components send.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from icekit.ram import serialize
from icekit.ram.names import normal_action

__all__ = ["Condition", "Effect", "PolicyDocument", "Principal", "Statement", "document_kind"]

Effect = Literal["Allow", "Deny"]


class Condition(NamedTuple):
    """One `Condition` entry: operator, key and its values as text (`{"Bool": {"acs:SecureTransport": true}}`
    is `Condition("Bool", "acs:SecureTransport", ("true",))`)."""

    operator: str
    key: str
    values: tuple[str, ...]

    @property
    def identity(self) -> tuple[str, str]:
        # Condition operators and keys are case-insensitive in RAM (`acs:SourceIp` == `acs:sourceip`).
        return (self.operator.casefold(), self.key.casefold())

    def render(self) -> str:
        shown = self.values[0] if len(self.values) == 1 else "[" + ", ".join(self.values) + "]"
        return f"{self.operator} {self.key} = {shown}"


class Principal(NamedTuple):
    """One trusted principal: kind `RAM`, `Service` or `Federated` and its value; `"Principal": "*"` is
    `Principal("*", "*")`."""

    kind: str
    value: str

    def render(self) -> str:
        return "*" if self.kind == "*" else f"{self.kind}:{self.value}"


def _normal_value(value: str) -> str:
    return value.casefold() if value.casefold() in ("true", "false") else value


def _unique_actions(actions: tuple[str, ...]) -> tuple[str, ...]:
    unique: dict[str, str] = {}
    for action in actions:
        spelled = normal_action(action)
        unique.setdefault(spelled.casefold(), spelled)
    return tuple(unique[key] for key in sorted(unique))


class Statement(BaseModel):
    """One statement of a permission policy (Action/Resource) or a trust policy (Action/Principal)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    effect: Effect = "Allow"
    actions: tuple[str, ...] = ()
    not_actions: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    not_resources: tuple[str, ...] = ()
    principals: tuple[Principal, ...] = ()
    conditions: tuple[Condition, ...] = ()

    @field_validator("actions", "not_actions", "resources", "not_resources", "principals")
    @classmethod
    def _given_is_not_empty(cls, value: tuple[Any, ...], info: ValidationInfo) -> tuple[Any, ...]:
        # Runs only for elements passed in (defaults are not validated): absent is (), given is non-empty.
        if not value:
            raise ValueError(f"{info.field_name} must name at least one item when given")
        return value

    @property
    def allows(self) -> bool:
        return self.effect == "Allow"

    @property
    def condition_keys(self) -> frozenset[str]:
        """Condition keys across all operators, lower-case (RAM condition keys are case-insensitive)."""
        return frozenset(condition.key.lower() for condition in self.conditions)

    def condition_values(self, key: str) -> list[str]:
        """Every value given for `key` (case-insensitive) under any operator."""
        wanted = key.lower()
        return [value for c in self.conditions if c.key.lower() == wanted for value in c.values]

    def normalized(self) -> Statement:
        """The same statement without layout: lists sorted and de-duplicated, action service prefixes
        lower-cased (action names compare case-insensitively), `True`/`FALSE` condition values lower-cased."""
        conditions = {
            Condition(c.operator, c.key, tuple(sorted({_normal_value(v) for v in c.values})))
            for c in self.conditions
        }
        return self.model_copy(
            update={
                "actions": _unique_actions(self.actions),
                "not_actions": _unique_actions(self.not_actions),
                "resources": tuple(sorted(set(self.resources))),
                "not_resources": tuple(sorted(set(self.not_resources))),
                "principals": tuple(sorted(set(self.principals))),
                "conditions": tuple(sorted(conditions, key=lambda c: (c.identity, c.values))),
            }
        )

    def comparable(self) -> tuple[Any, ...]:
        """Equal for two statements that say the same thing in a different layout."""
        n = self.normalized()
        return (
            n.effect,
            tuple(a.casefold() for a in n.actions),
            tuple(a.casefold() for a in n.not_actions),
            n.resources,
            n.not_resources,
            n.principals,
            tuple(sorted((c.identity, c.values) for c in n.conditions)),
        )

    def summary(self) -> dict[str, Any]:
        """A JSON-friendly view for reports (camelCase lists; conditions rendered as text)."""
        return {
            "effect": self.effect,
            "actions": list(self.actions),
            "notActions": list(self.not_actions),
            "resources": list(self.resources),
            "notResources": list(self.not_resources),
            "principals": [p.render() for p in self.principals],
            "conditions": [c.render() for c in self.conditions],
        }


class PolicyDocument(BaseModel):
    """A RAM policy (permission or trust) document, `Version: "1"`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    statements: tuple[Statement, ...] = ()

    def to_data(self) -> dict[str, Any]:
        return serialize.document_data(self.statements)

    def to_json(self) -> str:
        """The canonical text (icekit.ram.serialize); DocumentTooLargeError over RAM's limit."""
        return serialize.document_json(self.statements)


def document_kind(document: PolicyDocument) -> Literal["permission", "trust"]:
    """A trust policy names who may assume the role (`Principal`); a permission policy names resources."""
    if any(statement.principals for statement in document.statements):
        return "trust"
    return "permission"
