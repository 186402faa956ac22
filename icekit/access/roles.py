"""Which documents make up each role's access in a stack: its trust policy and every policy attached to it.

Read from the resources a plan registers (or the resource views the rules see): `alicloud:ram/role:Role`
(roleName, assumeRolePolicyDocument), `alicloud:ram/policy:Policy` (policyName, policyDocument) and
`alicloud:ram/rolePolicyAttachment:RolePolicyAttachment` (roleName, policyName, policyType). A role's app is
the `app` of the `icekit:access:UploadAccess` component it was made under, else the client configuration
whose roleArn names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from icekit.ram import PolicyDocument
from icekit.ram.parse import parse_lenient

if TYPE_CHECKING:
    from icekit.plan.model import PlanResult

__all__ = ["NamedDocument", "Resource", "RoleDocuments", "resources_of_plan", "roles_of", "roles_of_plan"]


@dataclass(frozen=True)
class Resource:
    """The little of a registered resource this module reads."""

    type: str
    props: Mapping[str, Any]
    urn: str = ""
    parent: str | None = None
    declaration_path: str | None = None


@dataclass(frozen=True)
class NamedDocument:
    """A document as a role sees it: `document` None when it cannot be evaluated (`problem` says why)."""

    name: str
    document: PolicyDocument | None
    text: str | None = None  # the text as planned, so an unreadable document's change shows
    problem: str | None = None


@dataclass(frozen=True)
class RoleDocuments:
    role: str
    app: str | None
    declaration_path: str | None
    trust: NamedDocument | None  # None: the role is not made by this stack (only attached to)
    policies: tuple[NamedDocument, ...]


def _tokens() -> tuple[str, str, str, str]:
    """The type tokens of policies, roles, attachments and UploadAccess components (icekit.facts)."""
    from icekit.facts.type_tokens import RAM_POLICY, RAM_ROLE, ROLE_POLICY_ATTACHMENT, UPLOAD_ACCESS

    return RAM_POLICY, RAM_ROLE, ROLE_POLICY_ATTACHMENT, UPLOAD_ACCESS


def _text(props: Mapping[str, Any], key: str) -> str | None:
    value = props.get(key)
    return value if isinstance(value, str) else None


def _named(name: str, text: str | None, parsed_texts: dict[str, PolicyDocument | None]) -> NamedDocument:
    if text is None:
        return NamedDocument(name, None, None, "its document is not in the plan")
    # Many roles of a stack hold the same text (apps alike but for their names): read each once.
    if text not in parsed_texts:
        parsed_texts[text] = parse_lenient(text)
    parsed = parsed_texts[text]
    if parsed is None:
        return NamedDocument(name, None, text, "its document cannot be read")
    return NamedDocument(name, parsed, text)


def resources_of_plan(plan: PlanResult) -> list[Resource]:
    return [Resource(r.type, r.inputs, r.urn, r.parent, r.declarationPath) for r in plan.resources]


def _apps(resources: Sequence[Resource], client_configs: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """role name -> app: by the UploadAccess component above the role, else by a roleArn naming it."""
    _, role_type, _, access_type = _tokens()
    apps: dict[str, str] = {}
    for config in client_configs.values():
        arn, app = config.get("roleArn"), config.get("app")
        if isinstance(arn, str) and isinstance(app, str) and ":role/" in arn:
            apps[arn.rsplit(":role/", 1)[1]] = app
    components = {r.urn: r.props.get("app") for r in resources if r.type == access_type}
    for resource in resources:
        app = components.get(resource.parent or "")
        role = _text(resource.props, "roleName")
        if resource.type == role_type and isinstance(app, str) and role:
            apps[role] = app
    return apps


def roles_of(
    resources: Iterable[Resource], client_configs: Mapping[str, Mapping[str, Any]] | None = None
) -> tuple[RoleDocuments, ...]:
    """Every role the resources make or attach policies to, in registration order."""
    policy_type, role_type, attachment_type, _ = _tokens()
    resources = list(resources)
    apps = _apps(resources, client_configs or {})
    policies: dict[str, str | None] = {}
    roles: dict[str, Resource | None] = {}
    attached: dict[str, list[tuple[str, str]]] = {}
    for resource in resources:
        props = resource.props
        if resource.type == policy_type and (name := _text(props, "policyName")):
            policies[name] = _text(props, "policyDocument") or _text(props, "document")
        elif resource.type == role_type and (name := _text(props, "roleName")):
            roles[name] = resource
        elif resource.type == attachment_type and (role := _text(props, "roleName")):
            roles.setdefault(role, None)
            kind = _text(props, "policyType") or "Custom"
            attached.setdefault(role, []).append((_text(props, "policyName") or "", kind))
    found = []
    parsed_texts: dict[str, PolicyDocument | None] = {}
    for role, made in roles.items():
        trust = None
        if made is not None:
            text = _text(made.props, "assumeRolePolicyDocument") or _text(made.props, "document")
            trust = _named(f"trust policy of role {role}", text, parsed_texts)
        documents = tuple(
            _named(name if name in policies else f"{name} ({kind})", policies.get(name), parsed_texts)
            for name, kind in sorted(set(attached.get(role, [])))
        )
        where = made.declaration_path if made is not None else None
        found.append(RoleDocuments(role, apps.get(role), where, trust, documents))
    return tuple(found)


def roles_of_plan(plan: PlanResult) -> tuple[RoleDocuments, ...]:
    return roles_of(resources_of_plan(plan), plan.clientConfigs)
