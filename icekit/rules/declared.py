"""What each app of a planned stack asks for (RAM108's intent): its rendered client configuration's
`allowedActions` and own bucket, and its declaration's `conditions`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from icekit.access.least_privilege import DeclaredAccess
from icekit.ram.build import objects_pattern

if TYPE_CHECKING:
    from icekit.plan.model import PlanResult

__all__ = ["DECLARED_ACCESS_SCHEMA", "declared_access", "declared_access_from_config"]

# RAM108's policy config in a CrossGuard pack (`declaredAccess`), which sees resources but no stack outputs.
DECLARED_ACCESS_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "app": {"type": "string"},
            "role": {"type": "string"},
            "allowedActions": {"type": "array", "items": {"type": "string"}},
            "objects": {"type": ["string", "null"]},
            "sourceIp": {"type": "array", "items": {"type": "string"}},
            "secureTransport": {"type": ["boolean", "null"]},
        },
        "required": ["app", "role", "allowedActions"],
    },
}


def _objects(config: Mapping[str, Any]) -> str | None:
    bucket = config.get("ownBucket")
    if not isinstance(bucket, Mapping):
        return None
    return objects_pattern(str(bucket.get("bucket")), str(bucket.get("prefix") or ""))


def declared_access(plan: PlanResult) -> tuple[DeclaredAccess, ...] | None:
    """One entry per app of the plan's declaration with a client configuration; None when the plan carries
    no declaration (a plan read back from JSON, or a synthetic one): then RAM108 has nothing to prove
    against."""
    declaration = plan.declaration
    if declaration is None:
        return None
    found = []
    for app in declaration.apps:
        client = plan.clientConfigs.get(app.name)
        arn = client.get("roleArn") if isinstance(client, Mapping) else None
        if not isinstance(client, Mapping) or not isinstance(arn, str) or ":role/" not in arn:
            continue
        found.append(
            DeclaredAccess(
                app=app.name,
                role=arn.rsplit(":role/", 1)[1],
                actions=tuple(str(a) for a in client.get("allowedActions") or ()),
                objects=_objects(client),
                source_ip=tuple(app.conditions.source_ip),
                secure_transport=app.conditions.secure_transport,
            )
        )
    return tuple(found)


def declared_access_from_config(items: Any) -> tuple[DeclaredAccess, ...] | None:
    """The pack's `declaredAccess` policy config (DECLARED_ACCESS_SCHEMA), or None when not given."""
    if not isinstance(items, list):
        return None
    return tuple(
        DeclaredAccess(
            app=str(item["app"]),
            role=str(item["role"]),
            actions=tuple(str(a) for a in item["allowedActions"]),
            objects=item.get("objects"),
            source_ip=tuple(str(b) for b in item.get("sourceIp") or ()),
            secure_transport=item.get("secureTransport"),
        )
        for item in items
        if isinstance(item, Mapping)
    )
