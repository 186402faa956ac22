"""ResourceView: the one shape rules see, built from the offline plan or from CrossGuard's arguments."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ResourceView",
    "name_from_urn",
    "view_from_plan_resource",
    "view_from_validation_args",
    "views_from_plan_resources",
    "views_from_policy_resources",
]


@dataclass(frozen=True)
class ResourceView:
    urn: str
    type: str
    name: str
    props: Mapping[str, Any]
    declaration_path: str | None = None
    # Names a suppression's `resource` may use for this resource: its own name, the app/storage/callback
    # it was declared for, and the same for its ancestors (a Policy made for app `mobile-video` is
    # suppressible by `mobile-video`).
    labels: tuple[str, ...] = field(default=())

    def prop(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default) if isinstance(self.props, Mapping) else default


def name_from_urn(urn: str) -> str:
    """`urn:pulumi:stack::project::type$type::name` -> `name`."""
    return urn.rsplit("::", 1)[-1] if "::" in urn else urn


_LAST_SEGMENT = re.compile(r"\.([^.\[\]]+)$")


def _own_labels(name: str, props: Mapping[str, Any], declaration_path: str | None) -> list[str]:
    labels = [name]
    for key in ("app", "name"):
        value = props.get(key) if isinstance(props, Mapping) else None
        if isinstance(value, str) and value:
            labels.append(value)
    if declaration_path:
        labels.append(declaration_path)
        match = _LAST_SEGMENT.search(declaration_path)
        if match:
            labels.append(match.group(1))
    return labels


def _dedupe(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def view_from_plan_resource(
    resource: Mapping[str, Any], ancestors_labels: Sequence[str] = ()
) -> ResourceView:
    """One entry of `PlanResult.resources` (contract: urn, type, name, parent, inputs, declarationPath)."""
    props = resource.get("inputs") or {}
    decl = resource.get("declarationPath")
    name = str(resource.get("name") or name_from_urn(str(resource.get("urn", ""))))
    labels = _own_labels(name, props, decl) + list(ancestors_labels)
    return ResourceView(
        urn=str(resource.get("urn", "")),
        type=str(resource.get("type", "")),
        name=name,
        props=props,
        declaration_path=decl,
        labels=_dedupe(labels),
    )


def views_from_plan_resources(resources: Sequence[Mapping[str, Any]]) -> list[ResourceView]:
    """All plan resources, each labelled with its ancestors' names too (parents precede children)."""
    labels_by_urn: dict[str, tuple[str, ...]] = {}
    views: list[ResourceView] = []
    for resource in resources:
        parent = resource.get("parent")
        inherited = labels_by_urn.get(parent, ()) if isinstance(parent, str) else ()
        view = view_from_plan_resource(resource, inherited)
        labels_by_urn[view.urn] = view.labels
        views.append(view)
    return views


def _declaration_path(props: Mapping[str, Any]) -> str | None:
    try:
        value = props.get("declarationPath")
    except Exception:  # an unknown value during preview: no location, not a failure
        return None
    return value if isinstance(value, str) else None


def _safe_labels(name: str, props: Mapping[str, Any], parent_urn: str | None) -> tuple[str, ...]:
    try:
        labels = _own_labels(name, props, _declaration_path(props))
    except Exception:  # unknown `app`/`name` during preview
        labels = [name]
    if parent_urn:
        labels.append(name_from_urn(parent_urn))
    return _dedupe(labels)


def view_from_validation_args(args: Any) -> ResourceView:
    """From pulumi_policy.ResourceValidationArgs (duck-typed so rules never import pulumi_policy)."""
    props: Mapping[str, Any] = args.props
    parent = getattr(getattr(args, "opts", None), "parent", None)
    return ResourceView(
        urn=args.urn,
        type=args.resource_type,
        name=args.name,
        props=props,
        declaration_path=_declaration_path(props),
        labels=_safe_labels(args.name, props, parent),
    )


def views_from_policy_resources(resources: Sequence[Any]) -> list[ResourceView]:
    """From pulumi_policy.PolicyResource objects (StackValidationArgs.resources), parents included."""
    views: list[ResourceView] = []
    for resource in resources:
        props: Mapping[str, Any] = resource.props
        labels = list(_safe_labels(resource.name, props, None))
        decl = _declaration_path(props)
        parent = resource.parent
        while parent is not None:
            labels.extend(_safe_labels(parent.name, parent.props, None))
            decl = decl or _declaration_path(parent.props)
            parent = parent.parent
        views.append(
            ResourceView(
                urn=resource.urn,
                type=resource.resource_type,
                name=resource.name,
                props=props,
                declaration_path=decl,
                labels=_dedupe(labels),
            )
        )
    return views
