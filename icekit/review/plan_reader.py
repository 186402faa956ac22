"""Readers of a PlanResult-shaped dict (`model_dump(mode="json")`) shared by the review's access diff:
its resources, their inputs and keys, the roles and the policy attachments it declares."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from icekit.facts.type_tokens import RAM_ROLE as ROLE_TYPE
from icekit.facts.type_tokens import ROLE_POLICY_ATTACHMENT as ATTACHMENT_TYPE

__all__ = ["Plan", "attachments", "inputs", "resource_key", "resources", "role_names"]

Plan = Mapping[str, Any]


def resources(plan: Plan | None) -> list[Mapping[str, Any]]:
    return list(plan.get("resources", [])) if plan else []


def inputs(resource: Mapping[str, Any]) -> Mapping[str, Any]:
    found = resource.get("inputs") or {}
    return found if isinstance(found, Mapping) else {}


def resource_key(resource: Mapping[str, Any]) -> str:
    return str(resource.get("urn") or f"{resource.get('type')}::{resource.get('name')}")


def role_names(plan: Plan | None) -> set[str]:
    return {str(inputs(r).get("roleName")) for r in resources(plan) if r.get("type") == ROLE_TYPE}


def attachments(plan: Plan | None) -> set[tuple[str, str, str]]:
    """(role name, policy name, policy type) of every role policy attachment."""
    found = set()
    for resource in resources(plan):
        if resource.get("type") == ATTACHMENT_TYPE:
            fields = inputs(resource)
            found.add(
                (str(fields.get("roleName")), str(fields.get("policyName")), str(fields.get("policyType")))
            )
    return found
