"""RAM103: `Resource: "*"` only for actions that support no narrower resource (ICE's)."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.ram import allow_statements
from icekit.ram.names import action_service
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ram.common import POLICY_TYPES, permission_document_text
from icekit.rules.view import ResourceView

__all__ = ["NO_RESOURCE_LEVEL_SERVICES", "UnscopedResource", "is_unscoped_resource"]

# Services whose actions support no resource-level authorization, so `*` is the only Resource RAM accepts.
# ICE: ice:CreateUploadMedia, ice:GetEventCallback, ice:SetEventCallback list Resource `*`
# (ice-upload-facts.md).
NO_RESOURCE_LEVEL_SERVICES = frozenset({"ice"})


def is_unscoped_resource(resource: str) -> bool:
    """`*`, or an ARN whose resource part is `*` / starts with `*` (`acs:oss:*:*:*`, `acs:ram::1:*`)."""
    if resource.strip() == "*":
        return True
    parts = resource.split(":", 4)
    return len(parts) == 5 and parts[0] == "acs" and parts[4].startswith("*")


class UnscopedResource(ResourceRule):
    id = "RAM103"
    slug = "unscoped-resource"
    title = "Resource `*` only for actions that cannot be scoped (ICE's)"
    severity = "high"
    enforcement = "mandatory"
    rationale = (
        'ICE actions support no resource-level authorization, so they need `Resource: "*"`; OSS, RAM and '
        "other services do, and `*` there reaches every bucket or role in the account."
    )
    fix = (
        'Put ICE actions in their own statement with `Resource: "*"` and scope the rest, e.g. '
        "`acs:oss:*:*:<bucket>/<prefix>*`."
    )
    resource_types = POLICY_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        for index, statement in allow_statements(ctx.document(permission_document_text(view))):
            unscoped = [r for r in statement.resources if is_unscoped_resource(r)]
            if not unscoped:
                continue
            scopable = sorted(
                {a for a in statement.actions if action_service(a) not in NO_RESOURCE_LEVEL_SERVICES}
            )
            if scopable:
                yield (
                    f"Statement[{index}] allows {', '.join(scopable)} on {', '.join(unscoped)}; "
                    "these actions can and must be scoped to named resources"
                )
