"""What `icekit access` and the review's access comparison produce, as plain frozen data for the formatters
(icekit.report). Every value here was computed with the evaluator (icekit.access.answers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "AccessChange",
    "AccessRow",
    "AccessTable",
    "CanAnswer",
    "ChangeKind",
    "Classification",
    "Https",
    "RoleAccess",
    "RoleAccessChange",
    "TrustRow",
    "When",
    "shown",
]

# What a change does to access (its one home; icekit.report.model re-exports it for the review's sections).
Classification = Literal["broadening", "narrowing", "neutral"]

# `required`: only over HTTPS; `plain HTTP only`: only without; `without the key`: only in requests that
# carry no acs:SecureTransport at all. None: HTTPS does not matter.
Https = Literal["required", "plain HTTP only", "without the key"]
_HTTPS_TEXT: dict[Https, str] = {
    "required": "only over HTTPS",
    "plain HTTP only": "only over plain HTTP",
    "without the key": "only without acs:SecureTransport",
}


@dataclass(frozen=True)
class When:
    """A set of request contexts: from which networks (None: any address), whether HTTPS is required, and
    any other condition as text."""

    networks: tuple[str, ...] | None = None
    https: Https | None = None
    other: tuple[str, ...] = ()

    def render(self) -> str:
        parts = [f"from {self.networks_text()}"]
        if self.https is not None:
            parts.append(_HTTPS_TEXT[self.https])
        return ", ".join(parts + [f"when {o}" for o in self.other])

    def networks_text(self) -> str:
        return "any address" if self.networks is None else ", ".join(self.networks)

    def https_text(self) -> str:
        """For a table's HTTPS column."""
        return {None: "not required", "required": "required"}.get(self.https, str(self.https))


def shown(items: tuple[str, ...], limit: int = 12) -> list[str]:
    """At most `limit` items for a table cell, the last saying how many more the JSON lists."""
    if len(items) <= limit:
        return list(items)
    return [*items[: limit - 1], f"... and {len(items) - limit + 1} more (--format json)"]


@dataclass(frozen=True)
class AccessRow:
    """Actions allowed on resources under one set of conditions, and the statement that allows them."""

    actions: tuple[str, ...]
    resources: tuple[str, ...]  # `*`: every resource
    when: When
    granted_by: str


@dataclass(frozen=True)
class TrustRow:
    principal: str
    when: When
    granted_by: str


@dataclass(frozen=True)
class RoleAccess:
    role: str
    app: str | None
    declaration_path: str | None
    assumable_by: tuple[TrustRow, ...]
    grants: tuple[AccessRow, ...]
    problems: tuple[str, ...] = ()  # documents left out: they could not be evaluated


@dataclass(frozen=True)
class AccessTable:
    stack: str
    region: str
    account_id: str
    roles: tuple[RoleAccess, ...]
    decisions: int = 0  # how many requests the evaluator decided to build the table


@dataclass(frozen=True)
class CanAnswer:
    """`icekit access --can`: one action for one app's role. Options the caller left out are not fixed:
    `allowed` says whether some request with the given values is allowed, `where` under which conditions."""

    stack: str
    app: str | None
    role: str
    action: str
    resource: str | None  # as given; None: every resource the domain holds
    source_ip: str | None
    secure_transport: bool | None
    allowed: bool
    decision: str  # "allow", "explicit-deny" or "implicit-deny"
    statement: str | None  # the deciding statement ("<policy> Statement[<i>]"); None for an implicit deny
    resources: tuple[str, ...] = ()  # allowed: on which resources
    where: tuple[When, ...] = ()  # allowed: under which conditions
    reasons: tuple[str, ...] = ()  # denied: the statements naming the action, and why they do not allow it


ChangeKind = Literal[
    "allowed", "no-longer-allowed", "widened", "narrowed", "assumable", "no-longer-assumable", "not-evaluable"
]


@dataclass(frozen=True)
class AccessChange:
    """One sentence of a role's access diff, e.g. "now allowed: `ice:DeleteMedia` on `*` from any address"."""

    kind: ChangeKind
    classification: Classification
    text: str
    subjects: tuple[str, ...] = ()  # the actions (or principals) the sentence is about


@dataclass(frozen=True)
class RoleAccessChange:
    role: str
    app: str | None
    classification: Classification
    changes: tuple[AccessChange, ...]
