"""Reading RAM policy documents into the model, in two modes.

- `parse_document` (strict): RAM's grammar; every departure is a `PolicyDocumentError` whose message says
  where and why in user words (RAM100 and `icekit check --policy` print it).
- `parse_lenient`: review's reading of whatever a plan holds: tolerant of layout (Effect in any case, a
  missing `Statement`, values of any type as text), None only when the text is not a JSON object or a
  statement is not an object, so that review can count an unreadable document as broadening.

Grammar (Alibaba Cloud RAM, ice-upload-facts.md; docs/ram-evaluation.md): `Version` "1"; `Statement` a list
of objects with `Effect` Allow|Deny, `Action` or `NotAction`, `Resource` or `NotResource` (permission
policies), `Principal` (trust policies) and an optional `Condition` {operator: {key: value(s)}}. A single
value is the same as a one-element list.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from icekit.json_input import parse_json
from icekit.ram.model import Condition, PolicyDocument, Principal, Statement
from icekit.ram.names import ASSUME_ROLE, condition_text

__all__ = ["PolicyDocumentError", "parse_attached_document", "parse_document", "parse_lenient"]

# model field <- document element, for the string-list elements
_LIST_ELEMENTS = (
    ("actions", "Action"),
    ("not_actions", "NotAction"),
    ("resources", "Resource"),
    ("not_resources", "NotResource"),
)
_SCALARS = (str, bool, int, float)


class PolicyDocumentError(ValueError):
    """The value is not a RAM policy document; the message says why in user words."""


# --- strict ---------------------------------------------------------------------------------------------


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence) and all(isinstance(item, str) for item in value):
        if not value:
            raise PolicyDocumentError(f"{where} must not be empty")
        return tuple(value)
    raise PolicyDocumentError(f"{where} must be a string or a list of strings")


def _values(value: Any, where: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, _SCALARS) for item in items):
        raise PolicyDocumentError(f"{where} must be a string, number or boolean, or a list of them")
    if any(isinstance(item, float) and not math.isfinite(item) for item in items):
        raise PolicyDocumentError(f"{where} must be finite numbers (NaN and Infinity are not JSON)")
    if not items:
        raise PolicyDocumentError(f"{where} must not be empty")
    return tuple(condition_text(item) for item in items)


def _conditions(value: Any, where: str) -> tuple[Condition, ...]:
    if not isinstance(value, Mapping):
        raise PolicyDocumentError(f"{where} must be an object")
    conditions = []
    for operator, keys in value.items():
        if not isinstance(keys, Mapping):
            raise PolicyDocumentError(f"{where}.{operator} must be an object of condition keys")
        for key, values in keys.items():
            conditions.append(
                Condition(str(operator), str(key), _values(values, f"{where}.{operator}.{key}"))
            )
    return tuple(conditions)


def _principals(value: Any, where: str) -> tuple[Principal, ...]:
    # A bare string is only ever "*" (STS201 reports it); `"acs:ram::1:root"` alone, "" or a list of
    # objects are shapes RAM does not define: reading them as some principal would guess.
    if value == "*":
        return (Principal("*", "*"),)
    if not isinstance(value, Mapping) or not value:
        raise PolicyDocumentError(
            f'{where} must be "*" or an object of principal kinds (RAM, Service, Federated)'
        )
    principals = tuple(
        Principal(str(kind), item)
        for kind in sorted(value)
        for item in _strings(value[kind], f"{where}.{kind}")
    )
    if any(not principal.value.strip() for principal in principals):
        raise PolicyDocumentError(f"{where} names an empty principal")
    return principals


def _statement_shape(item: Mapping[str, Any], where: str) -> None:
    """What only one kind of statement has: a trust statement (with `Principal`) grants sts:AssumeRole and
    names no resource; a permission statement names its resources."""
    if "Principal" in item:
        actions = item.get("Action")
        if "NotAction" in item or any(
            not isinstance(action, str) or action.casefold() != ASSUME_ROLE.casefold()
            for action in (actions if isinstance(actions, list) else [actions])
        ):
            raise PolicyDocumentError(
                f"{where} has a `Principal`, so it is a trust statement: its `Action` is {ASSUME_ROLE} only"
            )
        if "Resource" in item or "NotResource" in item:
            raise PolicyDocumentError(f"{where} has a `Principal`: a trust statement names no `Resource`")
    elif "Resource" not in item and "NotResource" not in item:
        raise PolicyDocumentError(f"{where} needs `Resource` or `NotResource`")


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
    given: dict[str, Any] = {
        field: _strings(item[element], f"{where}.{element}")
        for field, element in _LIST_ELEMENTS
        if element in item
    }
    if "Principal" in item:
        given["principals"] = _principals(item["Principal"], f"{where}.Principal")
    if "Condition" in item:
        given["conditions"] = _conditions(item["Condition"], f"{where}.Condition")
    return Statement(effect=effect, **given)


def _load(value: Any) -> Mapping[str, Any]:
    if isinstance(value, str):
        try:
            data = parse_json(value)
        except json.JSONDecodeError as exc:
            raise PolicyDocumentError(
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from None
        except ValueError as exc:
            raise PolicyDocumentError(f"not valid JSON: {exc}") from None
    elif isinstance(value, Mapping):
        data = value
    else:
        kind = "an array" if isinstance(value, list) else type(value).__name__
        raise PolicyDocumentError(
            f"a RAM policy document is a JSON object with `Version` and `Statement`, got {kind}"
        )
    if not isinstance(data, Mapping):
        raise PolicyDocumentError("a RAM policy document is a JSON object with `Version` and `Statement`")
    return data


def parse_document(value: Any) -> PolicyDocument:
    """A JSON string (as RAM and pulumi-alicloud take it) or an already-decoded mapping, read strictly."""
    data = _load(value)
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
    return PolicyDocument(statements=tuple(_statement(i, item) for i, item in enumerate(raw)))


def parse_attached_document(value: Any) -> tuple[PolicyDocument, Literal["permission", "trust"]]:
    """A document as RAM stores it on a policy or a role (`icekit check --policy`), read strictly and judged
    by its statements: a trust policy (every statement has a `Principal`, grants sts:AssumeRole and names no
    resource) or a permission policy (no statement has a `Principal`, each names its resources). A mix is
    refused: judged as one kind whole, the other kind's statements would never be checked."""
    data = _load(value)
    document = parse_document(data)
    raw = data["Statement"]
    items = [raw] if isinstance(raw, Mapping) else raw
    for index, item in enumerate(items):
        _statement_shape(item, f"Statement[{index}]")
    trust = [i for i, statement in enumerate(document.statements) if statement.principals]
    if trust and len(trust) != len(document.statements):
        other = next(i for i in range(len(document.statements)) if i not in trust)
        raise PolicyDocumentError(
            f"Statement[{trust[0]}] has a `Principal` (a trust policy) and Statement[{other}] has none "
            "(a permission policy): one document is one or the other"
        )
    return document, "trust" if trust else "permission"


# --- lenient --------------------------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _lenient_principals(value: Any) -> tuple[Principal, ...]:
    if value is None:
        return ()
    if value == "*":
        return (Principal("*", "*"),)
    if not isinstance(value, Mapping):
        return tuple(Principal("RAM", str(item)) for item in _as_list(value))
    return tuple(Principal(str(kind), str(item)) for kind, items in value.items() for item in _as_list(items))


def _lenient_conditions(value: Any) -> tuple[Condition, ...]:
    if not isinstance(value, Mapping):
        return ()
    return tuple(
        Condition(str(operator), str(key), tuple(condition_text(v) for v in _as_list(values)))
        for operator, keys in value.items()
        if isinstance(keys, Mapping)
        for key, values in keys.items()
    )


def _lenient_statement(item: Mapping[str, Any]) -> Statement:
    effect = "Deny" if str(item.get("Effect") or "Allow").strip().casefold() == "deny" else "Allow"
    given: dict[str, Any] = {}
    for field, element in _LIST_ELEMENTS:
        if texts := tuple(str(v) for v in _as_list(item.get(element))):
            given[field] = texts
    if principals := _lenient_principals(item.get("Principal")):
        given["principals"] = principals
    return Statement(effect=effect, conditions=_lenient_conditions(item.get("Condition")), **given)


def parse_lenient(value: Any) -> PolicyDocument | None:
    """The document read tolerantly (JSON text, a mapping, or None for no document: no statements);
    None when it cannot be read at all."""
    if value is None:
        return PolicyDocument()
    if isinstance(value, str):
        try:
            value = parse_json(value)
        except ValueError:
            return None
    if not isinstance(value, Mapping):
        return None
    raw = _as_list(value.get("Statement"))
    if not all(isinstance(item, Mapping) for item in raw):
        return None
    return PolicyDocument(statements=tuple(_lenient_statement(item) for item in raw))
