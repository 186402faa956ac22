"""Least privilege, proven: a role allows every action its app's client configuration lists, under the
app's declared conditions, and nothing else (RAM108).

The intent of one app (`DeclaredAccess`): the client configuration's `allowedActions`, its own bucket's
objects (`<bucket>/<prefix>`, for the OSS actions), and the declaration's `conditions` (sourceIp blocks,
secureTransport). Both directions are decided by the evaluator over the role's domain, to which the
declared blocks and the bucket prefix are added so that their boundaries are points too:
- missing: a listed action refused somewhere the declaration allows it (on the ICE resource, or an object
  under the prefix; from an address of a declared block, or any address when none is declared; over HTTPS
  when it is required, else over either);
- beyond: an allowed request the declaration does not ask for (an action not listed, an object outside the
  prefix, an address outside the blocks, plain HTTP where HTTPS is required, a request without those keys).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache

from icekit.access.answers import compiled, grants
from icekit.access.describe import describe_requests
from icekit.access.domain import Domain, domain_of, service_resource
from icekit.access.roles import RoleDocuments
from icekit.access.table import action_label, documents
from icekit.ram import Condition
from icekit.ram.ice_actions import ICE_SERVICE
from icekit.ram.match import GlobSet
from icekit.ram.names import SECURE_TRANSPORT, SOURCE_IP, action_service

__all__ = ["DeclaredAccess", "LeastPrivilegeProver"]

_OSS = "oss"


@dataclass(frozen=True)
class DeclaredAccess:
    """What one app asks for: from its client configuration and its declaration."""

    app: str
    role: str  # the role name of the client configuration's roleArn
    actions: tuple[str, ...]  # allowedActions
    objects: str | None  # own bucket: the Resource pattern of its objects under the prefix (OSS actions)
    source_ip: tuple[str, ...] = ()  # declared blocks; empty: any address
    secure_transport: bool | None = None


def _declared_conditions(intent: DeclaredAccess) -> list[Condition]:
    """The declared blocks and HTTPS as conditions, so that the domain cuts at their boundaries too."""
    conditions = []
    if intent.source_ip:
        conditions.append(Condition("IpAddress", SOURCE_IP, intent.source_ip))
    if intent.secure_transport is not None:
        conditions.append(
            Condition("Bool", SECURE_TRANSPORT, ("true" if intent.secure_transport else "false",))
        )
    return conditions


class _Intent:
    """Whether a point of the domain is one the declaration asks for."""

    def __init__(self, intent: DeclaredAccess, domain: Domain, region: str, account: str) -> None:
        self.intent = intent
        self.domain = domain
        self.actions = {a.casefold() for a in intent.actions}
        self.blocks = [ipaddress.ip_network(b, strict=False) for b in intent.source_ip]
        self.ip = domain.axis(SOURCE_IP)
        self.https = domain.axis(SECURE_TRANSPORT)
        self.ice = service_resource(ICE_SERVICE, region, account)
        self.objects = GlobSet.of([intent.objects], ignore_case=False) if intent.objects else None

    def resource_ok(self, action: str, resource: str) -> bool:
        if action_service(action) != _OSS:
            return True  # ICE authorizes per operation only (no resource level)
        return self.objects is not None and self.objects.matches(resource)

    def context_ok(self, context: int) -> bool:
        values = self.domain.contexts[context]
        if self.blocks:
            address = values[self.ip] if self.ip is not None else None
            if address is None or not any(_inside(address, block) for block in self.blocks):
                return False
        if self.intent.secure_transport is not None:
            wanted = "true" if self.intent.secure_transport else "false"
            return self.https is not None and values[self.https] == wanted
        # Not declared: the client may call either way; a request without the key is not a real one.
        return self.https is None or values[self.https] is not None

    def required_resources(self, action: str) -> list[str]:
        """Where a listed action must be allowed: the ICE resource; objects under the bucket prefix."""
        if action_service(action) == _OSS:
            return [r for r in self.domain.resources if self.resource_ok(action, r)]
        return [self.ice]


@lru_cache(maxsize=4096)
def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _inside(address: str, block: ipaddress.IPv4Network | ipaddress.IPv6Network) -> bool:
    parsed = _address(address)
    return parsed is not None and parsed.version == block.version and parsed in block


_SHOWN = 6  # a message names this many actions, then says how many more


def _grouped(texts: dict[str, list[str]], template: str) -> list[str]:
    def names(actions: list[str]) -> str:
        more = f" and {len(actions) - _SHOWN} more" if len(actions) > _SHOWN else ""
        return ", ".join(actions[:_SHOWN]) + more

    return [template.format(actions=names(actions), where=where) for where, actions in texts.items()]


# Requests beyond the declaration or refused, per action (label): (resource, context indexes) parts.
_Parts = dict[str, list[tuple[str, frozenset[int]]]]
# The same said per place: where (describe_requests) -> the actions, in the domain's order.
_Said = dict[str, list[str]]


@dataclass(frozen=True)
class _Proof:
    """What one proof found, in words that name no app: actions allowed but not listed, listed actions
    allowed beyond the declaration, listed actions refused; and whether a document was left out."""

    unlisted: _Said
    outside: _Said
    missing: _Said
    left_out: bool


class LeastPrivilegeProver:
    """RAM108's proofs for one evaluation: roles of the same documents (by text, in order) and the same
    declaration but for the app's name share one proof; only the messages name each app."""

    def __init__(self, *, region: str, account: str) -> None:
        self.region = region
        self.account = account
        self._proofs: dict[tuple[object, ...], _Proof] = {}

    def problems(self, role: RoleDocuments, intent: DeclaredAccess) -> list[str]:
        """What the role allows beyond the declaration, and what the declaration lists that it refuses."""
        texts = tuple((n.text, n.document is None, n.problem) for n in role.policies)
        key = (texts, intent.actions, intent.objects, intent.source_ip, intent.secure_transport)
        proof = self._proofs.get(key)
        if proof is None:
            proof = self._proofs[key] = self._prove(role, intent)
        # The names of the documents left out are the role's own.
        problems = compiled(role.policies)[1] if proof.left_out else []
        return _messages(intent.app, proof) + [f"{name} is left out: {why}" for name, why in problems]

    def _prove(self, role: RoleDocuments, intent: DeclaredAccess) -> _Proof:
        domain = domain_of(
            documents(role.policies),
            region=self.region,
            account=self.account,
            extra_conditions=_declared_conditions(intent),
            extra_patterns=[intent.objects] if intent.objects else [],
        )
        policies, problems = compiled(role.policies)
        allowed, _, _ = grants(policies, domain)
        check = _Intent(intent, domain, self.region, self.account)
        declared = frozenset(c for c in range(len(domain.contexts)) if check.context_ok(c))
        beyond: dict[str, _Parts] = {"unlisted": {}, "outside": {}}
        for (action, resource), hits in allowed.items():
            listed = action.casefold() in check.actions
            extra = hits - declared if listed and check.resource_ok(action, resource) else hits
            if extra:
                kind = "outside" if listed else "unlisted"
                beyond[kind].setdefault(action_label(domain, action), []).append((resource, extra))
        missing: _Parts = {}
        for action in intent.actions:
            for resource in check.required_resources(action):
                refused = declared - allowed.get((action, resource), frozenset())
                if refused:
                    missing.setdefault(action, []).append((resource, refused))
        said = _Sayer(domain)
        return _Proof(said(beyond["unlisted"]), said(beyond["outside"]), said(missing), bool(problems))


class _Sayer:
    """Requests said per place; actions with the same requests (an `ice:*` grant: hundreds) are said once."""

    def __init__(self, domain: Domain) -> None:
        self.domain = domain
        self._by_parts: dict[tuple[tuple[str, frozenset[int]], ...], str] = {}
        self._by_points: dict[frozenset[tuple[str, int]], str] = {}

    def where(self, parts: list[tuple[str, frozenset[int]]]) -> str:
        key = tuple(parts)
        if key not in self._by_parts:
            points = frozenset((resource, c) for resource, hits in parts for c in hits)
            if points not in self._by_points:
                self._by_points[points] = describe_requests(self.domain, points)
            self._by_parts[key] = self._by_points[points]
        return self._by_parts[key]

    def __call__(self, found: _Parts) -> _Said:
        texts: _Said = {}
        for action, parts in found.items():
            texts.setdefault(self.where(parts), []).append(action)
        return texts


def _messages(app: str, proof: _Proof) -> list[str]:
    return [
        *_grouped(proof.unlisted, f"allows {{actions}} {{where}}: not in {app}'s allowedActions"),
        *_grouped(proof.outside, f"allows {{actions}} {{where}}: beyond what {app} declares"),
        *_grouped(proof.missing, f"refuses {{actions}} {{where}}, which {app}'s allowedActions lists"),
    ]
