"""Condition operators: each compiles a condition's policy values once into a test of the request's value.

Semantics (docs/ram-evaluation.md has each with its source): several values of one key are "any of"; a
negated operator (`StringNotEquals`, `StringNotEqualsIgnoreCase`, `StringNotLike`, `NumericNotEquals`,
`DateNotEquals`, `NotIpAddress`) holds when none matches; a context key missing from the request fails
the condition, except that a negated operator then holds (AWS IAM's rule; RAM's pages are silent).
Operator names and keys compare case-insensitively. A policy value that does not parse for its operator,
or an operator outside RAM's list, is an EvaluationError when the document is compiled: the evaluator
refuses to guess.
"""

from __future__ import annotations

import ipaddress
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from icekit.ram.match import GlobSet
from icekit.ram.model import Condition

__all__ = ["SUPPORTED_OPERATORS", "ConditionTest", "EvaluationError", "compile_condition", "parse_date"]

ValueTest = Callable[[str], bool]
Compare = Callable[[Any, Any], bool]


class EvaluationError(ValueError):
    """A document the evaluator cannot decide with (an unsupported operator or an unreadable value)."""


# The readers are cached: requests repeat the same few values (addresses, times, sizes).
@lru_cache(maxsize=4096)
def _number(text: str) -> Decimal | None:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@lru_cache(maxsize=4096)
def parse_date(text: str) -> datetime | None:
    """ISO 8601 (`2019-08-12T17:00:00+08:00`, `...Z`; no offset means UTC) or UNIX epoch seconds."""
    text = text.strip()
    try:
        moment = datetime.fromtimestamp(int(text), UTC) if text.isdigit() else datetime.fromisoformat(text)
    except (ValueError, OverflowError, OSError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@lru_cache(maxsize=64)
def _truth(text: str) -> bool | None:
    folded = text.strip().casefold()
    return True if folded == "true" else False if folded == "false" else None


@lru_cache(maxsize=4096)
def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _parsed(values: Sequence[str], read: Callable[[str], Any], what: str) -> list[Any]:
    parsed = [read(value) for value in values]
    if any(item is None for item in parsed):
        bad = next(v for v, item in zip(values, parsed, strict=True) if item is None)
        raise EvaluationError(f"{bad!r} is not {what}")
    return parsed


def _string_equals(values: Sequence[str]) -> ValueTest:
    return frozenset(values).__contains__


def _string_equals_ignore_case(values: Sequence[str]) -> ValueTest:
    folded = frozenset(v.casefold() for v in values)
    return lambda value: value.casefold() in folded


def _string_like(values: Sequence[str]) -> ValueTest:
    return GlobSet.of(values, ignore_case=False).matches


def _ordered(read: Callable[[str], Any], what: str, compare: Compare) -> Callable[[Sequence[str]], ValueTest]:
    def compile_values(values: Sequence[str]) -> ValueTest:
        bounds = _parsed(values, read, what)

        def test(value: str) -> bool:
            given = read(value)
            return given is not None and any(compare(given, bound) for bound in bounds)

        return test

    return compile_values


def _bool(values: Sequence[str]) -> ValueTest:
    wanted = frozenset(_parsed(values, _truth, "true or false"))
    return lambda value: _truth(value) in wanted


def _ip_address(values: Sequence[str]) -> ValueTest:
    def network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
        try:
            return ipaddress.ip_network(text.strip(), strict=False)
        except ValueError:
            return None

    networks = _parsed(values, network, "an IPv4 or IPv6 address or CIDR block")

    def test(value: str) -> bool:
        address = _address(value)
        return address is not None and any(address.version == n.version and address in n for n in networks)

    return test


# operator (case-folded) -> (compile the policy values into a value test, negated)
_OPERATORS: dict[str, tuple[Callable[[Sequence[str]], ValueTest], bool]] = {
    "stringequals": (_string_equals, False),
    "stringnotequals": (_string_equals, True),
    "stringequalsignorecase": (_string_equals_ignore_case, False),
    "stringnotequalsignorecase": (_string_equals_ignore_case, True),
    "stringlike": (_string_like, False),
    "stringnotlike": (_string_like, True),
    "bool": (_bool, False),
    "ipaddress": (_ip_address, False),
    "notipaddress": (_ip_address, True),
}
# Numeric* and Date*: the same six comparisons over numbers and over instants.
for _family, _read, _what in (
    ("numeric", _number, "a number"),
    ("date", parse_date, "a date (ISO 8601 or epoch seconds)"),
):
    for _name, _compare, _negated in (
        ("equals", operator.eq, False),
        ("notequals", operator.eq, True),
        ("lessthan", operator.lt, False),
        ("lessthanequals", operator.le, False),
        ("greaterthan", operator.gt, False),
        ("greaterthanequals", operator.ge, False),
    ):
        _OPERATORS[_family + _name] = (_ordered(_read, _what, _compare), _negated)
SUPPORTED_OPERATORS: tuple[str, ...] = tuple(sorted(_OPERATORS))


@dataclass(frozen=True, slots=True)
class ConditionTest:
    """One compiled condition: `holds(context)` with the request's context keys (case-folded)."""

    key: str
    matches: ValueTest
    negated: bool

    def holds(self, context: Mapping[str, str]) -> bool:
        value = context.get(self.key)
        if value is None:
            return self.negated  # a missing key fails the condition; a negated operator then holds
        return self.matches(value) != self.negated


def compile_condition(condition: Condition) -> ConditionTest:
    entry = _OPERATORS.get(condition.operator.casefold())
    if entry is None:
        raise EvaluationError(f"condition operator {condition.operator!r} is not one RAM supports")
    compile_values, negated = entry
    try:
        matches = compile_values(condition.values)
    except EvaluationError as exc:
        raise EvaluationError(f"{condition.operator} {condition.key}: {exc}") from None
    return ConditionTest(key=condition.key.casefold(), matches=matches, negated=negated)
