"""What the sandbox serves for one stack, read from its offline plan (icekit.plan.run_plan's PlanResult).

- roles: per `alicloud:ram/role:Role`, its trust policy (`assumeRolePolicyDocument`) and the policies its
  `RolePolicyAttachment`s attach (`alicloud:ram/policy:Policy` `policyDocument`), compiled (ram_authorizer);
- principals: every distinct RAM principal the trust policies name (`acs:ram::<account>:root|user/..|role/..`;
  a bare account id means its root; patterns and Service/Federated principals have no AccessKey to give);
- storage: the VOD storage locations and the own buckets; the apps' upload rules (client configurations);
- callbacks: the declared callbacks, and the region's event-callback setting (the `<stack>-event-callback`
  dynamic resource, from `icekit:eventCallback`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from icekit.clientconfig import ClientConfig, OwnBucketClientConfig
from icekit.facts import type_tokens
from icekit.ram import compile_policy, parse_document
from icekit.sandbox.app_rules import AppRules
from icekit.sandbox.ram_authorizer import RoleDocuments

if TYPE_CHECKING:
    from icekit.plan import PlannedResource, PlanResult

__all__ = ["DeclaredCallback", "SandboxRole", "SandboxStack", "sandbox_stack"]


@dataclass(frozen=True)
class SandboxRole:
    documents: RoleDocuments
    max_session_seconds: int
    trusted: tuple[str, ...]  # the RAM principals its trust policy names


@dataclass(frozen=True)
class DeclaredCallback:
    name: str
    kind: str  # "http" or "mns"
    url: str | None
    queue_name: str | None
    auth_enabled: bool


@dataclass(frozen=True)
class SandboxStack:
    stack: str
    region: str
    account_id: str
    roles: Mapping[str, SandboxRole]  # role ARN -> role
    principals: tuple[str, ...]
    storage_locations: tuple[str, ...]
    own_buckets: tuple[str, ...]
    apps: tuple[AppRules, ...]
    callbacks: Mapping[str, DeclaredCallback]
    event_callback: Mapping[str, str] | None  # SetEventCallback's parameters, AuthKey left out


def _of_type(plan: PlanResult, token: str) -> list[PlannedResource]:
    return [resource for resource in plan.resources if resource.type == token]


def _roles(plan: PlanResult) -> dict[str, SandboxRole]:
    policies = {
        r.inputs["policyName"]: r.inputs["policyDocument"] for r in _of_type(plan, type_tokens.RAM_POLICY)
    }
    attached: dict[str, list[str]] = {}
    for attachment in _of_type(plan, type_tokens.ROLE_POLICY_ATTACHMENT):
        attached.setdefault(attachment.inputs["roleName"], []).append(attachment.inputs["policyName"])
    roles = {}
    for role in _of_type(plan, type_tokens.RAM_ROLE):
        name = role.inputs["roleName"]
        arn = f"acs:ram::{plan.accountId}:role/{name}"
        trust = compile_policy(role.inputs["assumeRolePolicyDocument"], name=f"{name} trust policy")
        permissions = tuple(
            compile_policy(policies[policy], name=policy)
            for policy in attached.get(name, ())
            if policy in policies
        )
        seconds = int(role.inputs.get("maxSessionDuration") or 3600)
        trusted = _trusted(role.inputs["assumeRolePolicyDocument"])
        roles[arn] = SandboxRole(RoleDocuments(arn, trust, permissions), seconds, trusted)
    return roles


def _trusted(trust_document: str) -> tuple[str, ...]:
    """The RAM principals a trust policy names, as ARNs (an account id as its root), patterns left out."""
    found: set[str] = set()
    for statement in parse_document(trust_document).statements:
        for kind, value in statement.principals:
            if kind == "RAM" and "*" not in value and "?" not in value:
                found.add(f"acs:ram::{value}:root" if value.isdigit() else value)
    return tuple(sorted(found))


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _apps(plan: PlanResult) -> tuple[AppRules, ...]:
    apps = []
    for name, document in sorted(plan.clientConfigs.items()):
        config = ClientConfig.from_data(document)
        own = (
            (config.ownBucket.bucket, config.ownBucket.prefix)
            if isinstance(config, OwnBucketClientConfig)
            else None
        )
        apps.append(AppRules(name, config.roleArn, tuple(config.fileRules), own))
    return tuple(apps)


def _callbacks(plan: PlanResult) -> dict[str, DeclaredCallback]:
    found = {}
    for resource in _of_type(plan, type_tokens.CALLBACK_ENDPOINT):
        props = resource.inputs
        found[props["name"]] = DeclaredCallback(
            props["name"],
            props["kind"],
            props.get("url"),
            props.get("queueName"),
            bool(props.get("authEnabled")),
        )
    return found


_EVENT_CALLBACK_INPUTS = {
    "callbackType": "CallbackType",
    "callbackUrl": "CallbackURL",
    "callbackQueueName": "CallbackQueueName",
    "eventTypeList": "EventTypeList",
    "authSwitch": "AuthSwitch",
}


def _event_callback(plan: PlanResult) -> dict[str, str] | None:
    for resource in plan.resources:
        props: dict[str, Any] = resource.inputs
        if type_tokens.is_event_callback(resource.type, props):
            return {
                wire: str(props[name]) for name, wire in _EVENT_CALLBACK_INPUTS.items() if props.get(name)
            }
    return None


def sandbox_stack(plan: PlanResult) -> SandboxStack:
    roles = _roles(plan)
    locations = [r.inputs.get("storageLocation") or "" for r in _of_type(plan, type_tokens.STORAGE_LOCATION)]
    return SandboxStack(
        stack=plan.stack,
        region=plan.region,
        account_id=plan.accountId,
        roles=roles,
        principals=tuple(sorted({arn for role in roles.values() for arn in role.trusted})),
        storage_locations=_unique([location for location in locations if location]),
        own_buckets=_unique([r.inputs["bucket"] for r in _of_type(plan, type_tokens.BUCKET)]),
        apps=_apps(plan),
        callbacks=_callbacks(plan),
        event_callback=_event_callback(plan),
    )
