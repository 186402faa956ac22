"""Shared reading of a role's trust policy for the STS2xx rules."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from icekit.facts.type_tokens import RAM_ROLE
from icekit.rules.policydoc import PolicyDocument, parsed_or_none
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["ROLE_TYPES", "principal_account", "principals", "trust_document"]

ROLE_TYPES: tuple[str, ...] = (RAM_ROLE,)
_RAM_ARN = re.compile(r"^acs:ram::([^:]*):")


def trust_document(view: ResourceView) -> PolicyDocument | None:
    # `assumeRolePolicyDocument` in pulumi-alicloud 4.x; `document` is its deprecated predecessor.
    return parsed_or_none(prop_str(view.props, "assumeRolePolicyDocument", "document"))


def principals(principal: Any) -> Iterator[tuple[str, str]]:
    """(kind, value) pairs: `"*"` -> ("*", "*"); {"RAM": [...]} -> ("RAM", arn) ..."""
    if isinstance(principal, str):
        yield ("*" if principal == "*" else "RAM", principal)
        return
    if not isinstance(principal, Mapping):
        return
    for kind in sorted(principal):
        values = principal[kind]
        items: Sequence[Any] = (
            [values] if isinstance(values, str) else values if isinstance(values, list) else []
        )
        for value in items:
            if isinstance(value, str):
                yield (str(kind), value)


def principal_account(value: str) -> str | None:
    """The account a RAM principal belongs to: a bare account id or `acs:ram::<account>:...`."""
    if value.isdigit():
        return value
    match = _RAM_ARN.match(value)
    return match.group(1) if match else None
