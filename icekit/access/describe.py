"""Sets of requests, said in a reviewer's words: which resources, from which networks, whether HTTPS is
required, and any other condition. Exact: a set that is not one block of (networks x HTTPS x ...) is said as
several `When`s, one per value of the key that splits it.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence

from icekit.access.axes import OTHER_VALUE, Axis, IpNode
from icekit.access.domain import OTHER_RESOURCE, Domain
from icekit.access.model import Https, When
from icekit.ram.match import GlobSet
from icekit.ram.names import SECURE_TRANSPORT, SOURCE_IP

__all__ = ["ANY_RESOURCE", "describe_contexts", "describe_requests", "describe_resources", "ip_text"]

ANY_RESOURCE = "*"
_NO_ADDRESS = "requests without acs:SourceIp"


# --- networks -----------------------------------------------------------------------------------------


def _atoms(node: IpNode) -> set[str]:
    return {n.representative for n in node.walk() if n.representative}


def _node_text(node: IpNode, allowed: set[str]) -> list[str]:
    atoms = _atoms(node)
    if atoms <= allowed:
        return [node.label()]
    if not atoms & allowed:
        return []
    partial = [child for child in node.children if not _atoms(child) <= allowed]
    inner = [text for child in partial for text in _node_text(child, allowed)]
    if node.representative in allowed:
        return [f"{node.label()} except {', '.join(c.label() for c in partial)}", *inner]
    full = [child.label() for child in node.children if _atoms(child) <= allowed]
    return full + inner


def ip_text(axis: Axis, allowed: Collection[str | None]) -> tuple[str, ...] | None:
    """The addresses among `allowed` as blocks; None when every address is (a request without the key
    aside: no reviewer reads "from any address" as "and from none")."""
    addresses = {value for value in allowed if value is not None}
    if all(_atoms(tree) <= addresses for tree in axis.trees):
        return None
    texts = [text for tree in axis.trees for text in _node_text(tree, addresses)]
    return tuple(texts) if texts else (_NO_ADDRESS,)


# --- other keys ---------------------------------------------------------------------------------------


def _https(allowed: Collection[str | None]) -> Https | None:
    if {"true", "false"} <= set(allowed):
        return None
    if "true" in allowed:
        return "required"
    return "plain HTTP only" if "false" in allowed else "without the key"


def _ordered_text(axis: Axis, allowed: Collection[str | None]) -> str:
    points = [value for value in axis.values if value is not None]
    runs: list[tuple[int, int]] = []
    for index, value in enumerate(points):
        if value in allowed:
            if runs and runs[-1][1] == index - 1:
                runs[-1] = (runs[-1][0], index)
            else:
                runs.append((index, index))
    bounds = set(axis.bounds)
    texts = []
    for start, end in runs:
        parts = []
        if start > 0:
            parts.append(f"from {points[start]}" if points[start] in bounds else f"after {points[start - 1]}")
        if end < len(points) - 1:
            parts.append(f"up to {points[end]}" if points[end] in bounds else f"before {points[end + 1]}")
        texts.append(" and ".join(parts) or "any value")
    return f"{axis.key} " + " or ".join(texts) if texts else f"{axis.key} is missing"


def _values_text(axis: Axis, allowed: Collection[str | None]) -> str:
    named = [v for v in axis.values if v is not None]
    shown = [v for v in named if v in allowed and v != OTHER_VALUE]
    if OTHER_VALUE in allowed:
        excluded = [v for v in named if v not in allowed]
        return f"{axis.key} is not {', '.join(excluded)}" if excluded else f"{axis.key} is present"
    return f"{axis.key} is {', '.join(shown)}" if shown else f"{axis.key} is missing"


def _other_text(axis: Axis, allowed: Collection[str | None]) -> str:
    if axis.kind in ("date", "number"):
        return _ordered_text(axis, allowed)
    if axis.kind == "ip":
        return f"{axis.key} in " + ", ".join(ip_text(axis, allowed) or ("any address",))
    return _values_text(axis, allowed)


def _when(domain: Domain, contexts: Sequence[tuple[str | None, ...]]) -> When:  # one block
    """One block of contexts (the product of its projections) as a When."""
    networks: tuple[str, ...] | None = None
    https: Https | None = None
    other = []
    for position, axis in enumerate(domain.axes):
        values = {context[position] for context in contexts}
        if values >= set(axis.values):
            continue  # every value of the key: no restriction
        key = axis.key.casefold()
        if key == SOURCE_IP.casefold() and axis.kind == "ip":
            networks = ip_text(axis, values)
        elif key == SECURE_TRANSPORT.casefold():
            https = _https(values)
        else:
            other.append(_other_text(axis, values))
    return When(networks, https, tuple(other))


Context = tuple[str | None, ...]


def _factor(contexts: list[Context], position: int) -> list[list[Context]]:
    """The contexts as blocks along one key: contexts that agree on the other keys and share the same set
    of values for this key form one group (a product of those values and their other keys)."""
    values: dict[Context, set[str | None]] = {}
    for context in contexts:
        values.setdefault(context[:position] + context[position + 1 :], set()).add(context[position])
    groups: dict[frozenset[str | None], list[Context]] = {}
    for rest, seen in values.items():
        groups.setdefault(frozenset(seen), []).append(rest)
    return [
        [(*rest[:position], value, *rest[position:]) for rest in rests for value in sorted(seen, key=str)]
        for seen, rests in groups.items()
    ]


def _split(domain: Domain, contexts: list[Context]) -> list[When]:
    projections = [{c[i] for c in contexts} for i in range(len(domain.axes))]
    if math.prod(len(p) for p in projections) == len(set(contexts)):
        return [_when(domain, contexts)]
    # Not one block: factor along the key that says it in the fewest Whens.
    best: list[When] | None = None
    for position in (i for i, p in enumerate(projections) if len(p) > 1):
        groups = _factor(contexts, position)
        if len(groups) < 2:
            continue
        whens = [when for group in groups for when in _split(domain, group)]
        if best is None or len(whens) < len(best):
            best = whens
    return best if best is not None else [_when(domain, contexts)]


def describe_contexts(domain: Domain, indexes: Iterable[int]) -> tuple[When, ...]:
    """The contexts of these indexes, as few Whens as their shape allows (none for an empty set)."""
    contexts = sorted({domain.contexts[i] for i in indexes}, key=lambda c: [str(v) for v in c])
    return tuple(dict.fromkeys(_split(domain, contexts))) if contexts else ()


# --- resources ----------------------------------------------------------------------------------------


def _matched(domain: Domain) -> dict[str, frozenset[str]]:
    """Each pattern the documents name -> the domain's resources it matches."""
    return {
        pattern: frozenset(r for r in domain.resources if GlobSet.of([pattern], ignore_case=False).matches(r))
        for pattern in domain.patterns
        if pattern != ANY_RESOURCE
    }


def _cover(wanted: frozenset[str], matched: dict[str, frozenset[str]]) -> list[str] | None:
    """Patterns whose points lie inside `wanted` and together make it up (largest first), or None."""
    chosen, left = [], set(wanted)
    for pattern, points in sorted(matched.items(), key=lambda item: (-len(item[1]), item[0])):
        if points and points <= wanted and points & left:
            chosen.append(pattern)
            left -= points
    return None if left else chosen


def describe_resources(domain: Domain, resources: Collection[str]) -> tuple[str, ...]:
    """The domain's resources among `resources` in the documents' patterns: `*` for all of them; else the
    named patterns that make them up; else one pattern except others (`acs:oss:*:*:*` except
    `acs:oss:*:*:bucket/incoming/*`); else the resources themselves."""
    wanted = frozenset(resources) & frozenset(domain.resources)
    every = frozenset(domain.resources)
    if wanted == every:
        return (ANY_RESOURCE,)
    matched = {**_matched(domain), ANY_RESOURCE: every}
    cover = _cover(wanted, {p: m for p, m in matched.items() if p != ANY_RESOURCE})
    if cover is not None:
        return tuple(cover)
    for pattern, points in sorted(matched.items(), key=lambda item: (len(item[1]), item[0])):
        excluded = _cover(points - wanted, matched) if wanted <= points else None
        if excluded:
            return (f"{pattern} except {', '.join(excluded)}",)
    return tuple(sorted("other resources" if r == OTHER_RESOURCE else r for r in wanted))


def describe_requests(domain: Domain, requests: Iterable[tuple[str, int]], *, quote: bool = False) -> str:
    """(resource, context) pairs of one action: "on R from X, only over HTTPS", one clause per group of
    resources allowed in the same contexts (`quote`: resources as Markdown code)."""
    by_resource: dict[str, set[int]] = {}
    for resource, context in requests:
        by_resource.setdefault(resource, set()).add(context)
    groups: dict[frozenset[int], list[str]] = {}
    for resource, contexts in by_resource.items():
        groups.setdefault(frozenset(contexts), []).append(resource)
    texts = []
    for hits, resources in sorted(groups.items(), key=lambda g: sorted(g[1])):
        named = describe_resources(domain, resources)
        where = ", ".join(f"`{r}`" if quote else r for r in named)
        when = " or ".join(w.render() for w in describe_contexts(domain, hits))
        texts.append(f"on {where} {when}")
    return "; ".join(texts)
