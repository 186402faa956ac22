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

__all__ = ["DeclaredAccess", "least_privilege_problems"]

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

    def wanted(self, action: str, resource: str, context: int) -> bool:
        return (
            action.casefold() in self.actions
            and self.resource_ok(action, resource)
            and self.context_ok(context)
        )

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


def least_privilege_problems(
    role: RoleDocuments, intent: DeclaredAccess, *, region: str, account: str
) -> list[str]:
    """What the role allows beyond the declaration, and what the declaration lists that it refuses."""
    domain = domain_of(
        documents(role.policies),
        region=region,
        account=account,
        extra_conditions=_declared_conditions(intent),
        extra_patterns=[intent.objects] if intent.objects else [],
    )
    policies, problems = compiled(role.policies)
    allowed, _, _ = grants(policies, domain)
    check = _Intent(intent, domain, region, account)
    beyond: dict[str, dict[str, set[tuple[str, int]]]] = {"unlisted": {}, "outside": {}}
    for (action, resource), hits in allowed.items():
        extra = {(resource, c) for c in hits if not check.wanted(action, resource, c)}
        if extra:
            kind = "outside" if action.casefold() in check.actions else "unlisted"
            beyond[kind].setdefault(action_label(domain, action), set()).update(extra)
    missing: dict[str, set[tuple[str, int]]] = {}
    for action in intent.actions:
        for resource in check.required_resources(action):
            granted = allowed.get((action, resource), frozenset())
            refused = {c for c in range(len(domain.contexts)) if check.context_ok(c) and c not in granted}
            if refused:
                missing.setdefault(action, set()).update((resource, c) for c in refused)
    return _messages(domain, intent, beyond, missing) + [
        f"{name} is left out: {why}" for name, why in problems
    ]


def _messages(
    domain: Domain,
    intent: DeclaredAccess,
    beyond: dict[str, dict[str, set[tuple[str, int]]]],
    missing: dict[str, set[tuple[str, int]]],
) -> list[str]:
    def by_where(found: dict[str, set[tuple[str, int]]]) -> dict[str, list[str]]:
        texts: dict[str, list[str]] = {}
        for action, points in found.items():
            texts.setdefault(describe_requests(domain, points), []).append(action)
        return texts

    app = intent.app
    return [
        *_grouped(
            by_where(beyond["unlisted"]), f"allows {{actions}} {{where}}: not in {app}'s allowedActions"
        ),
        *_grouped(by_where(beyond["outside"]), f"allows {{actions}} {{where}}: beyond what {app} declares"),
        *_grouped(by_where(missing), f"refuses {{actions}} {{where}}, which {app}'s allowedActions lists"),
    ]
