"""The values a condition key can take, cut at the boundaries the documents draw: one representative per
region in which every condition of those documents answers the same (docs/access.md, "The domain").

- IP operators (`IpAddress`, `NotIpAddress`): CIDR blocks are nested or disjoint, so they form a tree per IP
  version under `0.0.0.0/0` and `::/0`; each block's own part (inside it, outside its sub-blocks) gets one
  address. An address in the same part as another is inside exactly the same blocks.
- Ordered operators (`Date*`, `Numeric*`): the boundaries sorted; every boundary, a point between each two,
  one below the first and one above the last.
- `Bool`: `true` and `false`. String operators: every value named (a `*`/`?` pattern instantiated), its
  upper-case form (for the IgnoreCase operators), and one value named nowhere.
- Every key also takes "missing" (None): a request without the key, which fails a condition or, for a
  negated operator, satisfies it.
"""

from __future__ import annotations

import ipaddress
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Literal

from icekit.ram.model import Condition
from icekit.ram.operators import parse_date

__all__ = ["OTHER_VALUE", "PROBE", "Axis", "AxisKind", "IpNode", "axes_of", "instantiate", "ip_trees"]

AxisKind = Literal["ip", "date", "number", "bool", "string"]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# The text a probe puts where a pattern has a wildcard, and the value a key takes that no document names.
PROBE = "icekit-probe"
OTHER_VALUE = f"{PROBE}-value"
_ROOTS: tuple[Network, ...] = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
# Documentation addresses (RFC 5737, RFC 3849) stand for "any other address" when no block holds them.
_OUTSIDE = {4: ipaddress.ip_address("203.0.113.7"), 6: ipaddress.ip_address("2001:db8::7")}


def instantiate(pattern: str, filler: str = PROBE) -> str:
    """One string the glob `pattern` matches: each `*` replaced by `filler`, each `?` by `x`."""
    return pattern.replace("*", filler).replace("?", "x")


def _family(operator: str) -> AxisKind:
    name = operator.casefold()
    if name in ("ipaddress", "notipaddress"):
        return "ip"
    if name.startswith("date"):
        return "date"
    if name.startswith("numeric"):
        return "number"
    return "bool" if name == "bool" else "string"


@dataclass(frozen=True)
class IpNode:
    """A CIDR block (or a version's whole space) and the blocks directly inside it."""

    network: Network
    children: tuple[IpNode, ...]
    representative: str | None  # an address inside this block and outside its children; None: none left

    @property
    def is_root(self) -> bool:
        return self.network.prefixlen == 0

    def label(self) -> str:
        if self.is_root:
            return f"any IPv{self.network.version} address"
        return str(self.network)

    def walk(self) -> Iterable[IpNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def _own_address(network: Network, children: Sequence[Network]) -> str | None:
    """The first address of `network` outside every child (children sorted, disjoint), or None."""
    outside = _OUTSIDE[network.version]
    if network.prefixlen == 0 and not any(outside in child for child in children):
        return str(outside)
    candidate = int(network.network_address)
    for child in children:
        if candidate < int(child.network_address):
            break
        candidate = max(candidate, int(child.broadcast_address) + 1)
    if candidate > int(network.broadcast_address):
        return None
    return str(type(network.network_address)(candidate))  # ip_address(0) would be IPv4 for an IPv6 block


def _tree(network: Network, blocks: Sequence[Network]) -> IpNode:
    inside = [b for b in blocks if b != network and b.subnet_of(network)]  # type: ignore[arg-type]
    direct = sorted(
        (b for b in inside if not any(b != o and b.subnet_of(o) for o in inside)),  # type: ignore[arg-type]
        key=lambda b: int(b.network_address),
    )
    children = tuple(_tree(child, inside) for child in direct)
    return IpNode(network, children, _own_address(network, direct))


def ip_trees(values: Iterable[str]) -> tuple[IpNode, ...]:
    """The block tree of each IP version (values that are no block were refused by the evaluator)."""
    blocks = {ipaddress.ip_network(v.strip(), strict=False) for v in values}
    return tuple(_tree(root, [b for b in blocks if b.version == root.version]) for root in _ROOTS)


def _ordered_points(bounds: list[Decimal]) -> list[Decimal]:
    points = [bounds[0] - 1, *bounds, bounds[-1] + 1]
    points += [(low + high) / 2 for low, high in itertools.pairwise(bounds)]
    return sorted(set(points))


# Each family's points: (every representative value in order, the boundaries among them).
Points = tuple[tuple[str, ...], tuple[str, ...]]


def _date_values(values: Iterable[str]) -> Points:
    instants = sorted({d for d in (parse_date(v) for v in values) if d is not None})
    if not instants:
        return (), ()
    points = {instants[0] - timedelta(days=1), instants[-1] + timedelta(days=1), *instants}
    points |= {low + (high - low) / 2 for low, high in itertools.pairwise(instants)}
    return tuple(p.isoformat() for p in sorted(points)), tuple(i.isoformat() for i in instants)


def _number_values(values: Iterable[str]) -> Points:
    bounds: set[Decimal] = set()
    for value in values:
        try:
            bounds.add(Decimal(value.strip()))
        except InvalidOperation:
            continue
    if not bounds:
        return (), ()
    return tuple(str(p) for p in _ordered_points(sorted(bounds))), tuple(str(b) for b in sorted(bounds))


def _bool_values(values: Iterable[str]) -> Points:
    return ("true", "false"), ()


def _string_values(values: Iterable[str]) -> Points:
    named = {instantiate(v, filler) for v in values for filler in ("", PROBE)}
    named |= {v.upper() for v in named}
    return tuple(sorted(named | {OTHER_VALUE})), ()


_POINTS: dict[AxisKind, Callable[[Iterable[str]], Points]] = {
    "date": _date_values,
    "number": _number_values,
    "bool": _bool_values,
    "string": _string_values,
}


@dataclass(frozen=True)
class Axis:
    """One condition key and its representative values (None: the key is missing from the request)."""

    key: str  # as the first document spelled it
    kind: AxisKind
    values: tuple[str | None, ...]
    trees: tuple[IpNode, ...] = ()  # kind "ip": the block tree per IP version
    bounds: tuple[str, ...] = ()  # kinds "date", "number": the values the documents compare with

    @classmethod
    def of(cls, key: str, conditions: Sequence[Condition]) -> Axis:
        """The axis of `key` under these conditions (sorted by operator family: the first names the kind;
        a key used with several families, which no sensible document does, takes the points of each)."""
        by_family: dict[AxisKind, list[str]] = {}
        for condition in conditions:
            by_family.setdefault(_family(condition.operator), []).extend(condition.values)
        trees = ip_trees(by_family["ip"]) if "ip" in by_family else ()
        points: list[str] = [n.representative for t in trees for n in t.walk() if n.representative]
        bounds: list[str] = []
        for family, named in by_family.items():
            if family != "ip":
                more, edges = _POINTS[family](named)
                points += [p for p in more if p not in points]
                bounds += edges
        return cls(key, _family(conditions[0].operator), (*points, None), trees, tuple(bounds))

    def node_of(self, address: str) -> IpNode | None:
        """The tree node whose own part holds `address` (kind "ip"); None for a value of another kind."""
        return next((n for tree in self.trees for n in tree.walk() if n.representative == address), None)


def axes_of(conditions: Iterable[Condition]) -> tuple[Axis, ...]:
    """One axis per condition key (keys compare case-insensitively), in a stable order."""
    by_key: dict[str, list[Condition]] = {}
    for condition in conditions:
        by_key.setdefault(condition.key.casefold(), []).append(condition)
    # A key's kind follows its operators; a key used with two kinds (odd) takes the first sorted one.
    return tuple(
        Axis.of(group[0].key, sorted(group, key=lambda c: (_family(c.operator), c.operator)))
        for _, group in sorted(by_key.items())
    )
