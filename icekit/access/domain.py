"""The finite set of requests icekit decides to know a role's access exactly (docs/access.md, "The domain").

For the documents of one role (one side, or both sides of a review together):
- actions: every ICE action (icekit/data/ice_ram_actions.json), the upload path's OSS and MNS actions, every
  other action a statement names, one probe per wildcard pattern (an action that pattern matches and no
  list holds: `ice:*` stands for ICE actions added later), and one action of a service no document names;
- resources: per service its resource (`acs:ice:<region>:<account>:*` for ICE), two instances of every
  pattern a statement names (`*` as nothing and as a probe), and one resource no pattern names;
- request contexts: every combination of the condition keys' representative values (icekit.access.axes);
- principals (trust policies): every principal named, an identity of each trusted account, the stack's own
  account, and a stranger of each kind.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from icekit.access.axes import PROBE, Axis, axes_of, instantiate
from icekit.ram import Condition, PolicyDocument, Principal, Request, Statement
from icekit.ram.ice_actions import ICE_SERVICE, canonical_ice_action, ice_actions
from icekit.ram.names import action_service, normal_action
from icekit.ram.principals import account_root

__all__ = [
    "OTHER_RESOURCE",
    "OTHER_SERVICE_ACTION",
    "UPLOAD_PATH_ACTIONS",
    "Context",
    "Domain",
    "domain_of",
    "service_resource",
]

# What an upload path may be granted besides ICE: objects in an own bucket, messages of a callback queue.
UPLOAD_PATH_ACTIONS = (
    "oss:PutObject",
    "oss:GetObject",
    "oss:DeleteObject",
    "mns:SendMessage",
    "mns:ReceiveMessage",
)
OTHER_SERVICE_ACTION = f"{PROBE}:Action"
OTHER_RESOURCE = f"{PROBE}-resource"
_ACTION_FILLER = "IcekitProbe"
_STRANGER_ACCOUNT = "999999999999999"

Context = tuple[str | None, ...]  # one value per axis (None: the key is missing)


def service_resource(service: str, region: str, account: str) -> str:
    """The resource standing for a service's own resources: ICE has no resource level, so its ARN is
    `acs:ice:<region>:<account>:*` (ice-upload-facts.md, RAM); other services get a probe name."""
    name = "*" if service == ICE_SERVICE else PROBE
    return f"acs:{service}:{region}:{account}:{name}"


@dataclass(frozen=True)
class Domain:
    actions: tuple[str, ...]
    probes: Mapping[str, str]  # probe action -> the pattern it stands for ("*": any other service)
    resources: tuple[str, ...]
    patterns: tuple[str, ...]  # the resource patterns the documents name, for describing resource sets
    axes: tuple[Axis, ...]
    contexts: tuple[Context, ...]
    principals: tuple[Principal, ...] = ()
    principal_labels: Mapping[Principal, str] = field(default_factory=dict)

    @cached_property
    def folded_actions(self) -> dict[str, str]:
        """case-folded action -> the action as the domain spells it."""
        listed = _listed_actions()
        if self.actions[: len(listed)] != _listed_spelled():
            return {action.casefold(): action for action in self.actions}
        # The listed actions come first and are folded once per process.
        return {**listed, **{action.casefold(): action for action in self.actions[len(listed) :]}}

    @cached_property
    def positions(self) -> dict[str, int]:
        """action -> its position in `actions` (the order tables and sentences list actions in)."""
        listed = _listed_positions()
        if self.actions[: len(listed)] != _listed_spelled():
            return {action: i for i, action in enumerate(self.actions)}
        tail = self.actions[len(listed) :]
        return {**listed, **{action: len(listed) + i for i, action in enumerate(tail)}}

    @cached_property
    def _context_keys(self) -> tuple[dict[str, str], ...]:
        return tuple(
            {axis.key: value for axis, value in zip(self.axes, context, strict=True) if value is not None}
            for context in self.contexts
        )

    @cached_property
    def folded_contexts(self) -> tuple[dict[str, str], ...]:
        """Each context's keys as a request holds them (case-folded, missing keys left out)."""
        return tuple({key.casefold(): value for key, value in keys.items()} for keys in self._context_keys)

    def request(
        self, action: str, resource: str, context: int, principal: Principal | None = None
    ) -> Request:
        """The request for `action` on `resource` in the context of index `context`."""
        return Request(action, resource, principal, self._context_keys[context])

    def axis(self, key: str) -> int | None:
        """The position of the axis of condition key `key` (case-insensitive), if the documents use it."""
        wanted = key.casefold()
        return next((i for i, a in enumerate(self.axes) if a.key.casefold() == wanted), None)


def _statements(documents: Iterable[PolicyDocument]) -> list[Statement]:
    return [statement for document in documents for statement in document.statements]


def _order(action: str) -> tuple[str, str]:
    return (action_service(action), action.casefold())


@cache
def _listed_actions() -> dict[str, str]:
    """Every ICE action and the upload path's others, case-folded -> spelled, in domain order."""
    listed = sorted((*ice_actions(), *UPLOAD_PATH_ACTIONS), key=_order)
    return {action.casefold(): action for action in listed}


@cache
def _listed_spelled() -> tuple[str, ...]:
    return tuple(_listed_actions().values())


@cache
def _listed_positions() -> dict[str, int]:
    return {action: i for i, action in enumerate(_listed_spelled())}


@cache
def _listed_services() -> frozenset[str]:
    return frozenset(action_service(action) for action in _listed_actions().values())


def _actions(statements: Sequence[Statement]) -> tuple[tuple[str, ...], dict[str, str], set[str]]:
    """The domain's actions, its probes (probe -> pattern) and the services of the actions not probes."""
    listed = _listed_actions()
    named: dict[str, str] = {}
    probes: dict[str, str] = {OTHER_SERVICE_ACTION: "*"}
    for statement in statements:
        for action in (*statement.actions, *statement.not_actions):
            if "*" in action or "?" in action:
                probes.setdefault(instantiate(normal_action(action), _ACTION_FILLER), action)
            else:
                spelled = canonical_ice_action(action) or normal_action(action)
                if spelled.casefold() not in listed:
                    named.setdefault(spelled.casefold(), spelled)
    ordered = [*listed.values(), *sorted(named.values(), key=_order)]
    services = set(_listed_services()) | {action_service(action) for action in named.values()}
    return (*ordered, *sorted(p for p in probes if p.casefold() not in named)), probes, services


def _resources(
    statements: Sequence[Statement], services: Iterable[str], region: str, account: str, extra: list[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    patterns = sorted({p for s in statements for p in (*s.resources, *s.not_resources)} | set(extra))
    points = {service_resource(service, region, account) for service in services}
    points |= {instantiate(p, filler) for p in patterns if p != "*" for filler in ("", PROBE)}
    return (*sorted(points), OTHER_RESOURCE), tuple(patterns)


def _principal_points(principal: Principal, own_account: str) -> list[tuple[Principal, str]]:
    kind, value = principal
    if kind == "*":
        return []
    if kind != "RAM":
        return [(Principal(kind, instantiate(value)), f"{kind}:{value}")]
    root = account_root(value)
    if root is None:
        return [(Principal(kind, instantiate(value)), value)]
    account = instantiate(root, own_account if root == "*" else PROBE)
    label = f"acs:ram::{root}:root"
    # The account itself and one of its identities: `root` trusts every identity of the account.
    return [
        (Principal("RAM", f"acs:ram::{account}:root"), label),
        (Principal("RAM", f"acs:ram::{account}:role/{PROBE}"), label),
    ]


def _principals(statements: Sequence[Statement], account: str) -> dict[Principal, str]:
    labels: dict[Principal, str] = {}
    for statement in statements:
        for principal in statement.principals:
            for point, label in _principal_points(principal, account):
                labels.setdefault(point, label)
    stranger = _STRANGER_ACCOUNT if account != _STRANGER_ACCOUNT else _STRANGER_ACCOUNT + "9"
    labels.setdefault(Principal("RAM", f"acs:ram::{account}:role/{PROBE}"), f"acs:ram::{account}:root")
    labels.setdefault(Principal("RAM", f"acs:ram::{stranger}:role/{PROBE}"), "any other account")
    labels.setdefault(Principal("Service", f"{PROBE}.aliyuncs.com"), "any other service")
    labels.setdefault(
        Principal("Federated", f"acs:ram::{stranger}:saml-provider/{PROBE}"), "any other identity provider"
    )
    return labels


def domain_of(
    documents: Iterable[PolicyDocument],
    *,
    region: str,
    account: str,
    actions: bool = True,
    extra_conditions: Iterable[Condition] = (),
    extra_patterns: Iterable[str] = (),
) -> Domain:
    """The domain of these documents (all of them together: both sides of a comparison are decided on
    one domain, so their answers compare point by point). `actions=False` for trust policies, which are
    asked sts:AssumeRole only: no action list, no resources. `extra_conditions` and `extra_patterns` add
    boundaries no document draws (RAM108 adds the declared blocks and the bucket's objects)."""
    statements = _statements(documents)
    conditions = [*(c for statement in statements for c in statement.conditions), *extra_conditions]
    axes = axes_of(conditions)
    contexts = tuple(itertools.product(*(axis.values for axis in axes)))
    if not actions:
        labels = _principals(statements, account) if any(s.principals for s in statements) else {}
        return Domain((), {}, (), (), axes, contexts, tuple(labels), labels)
    action_list, probes, services = _actions(statements)
    resources, patterns = _resources(statements, sorted(services), region, account, list(extra_patterns))
    return Domain(action_list, probes, resources, patterns, axes, contexts)
