"""Type tokens of the resources icekit makes and looks at (docs/contracts.md, "Resource types").

The components take their `TYPE` from here; the rules, the offline plan's mocks and the review name the
types from here too. icekit's own components are `icekit:<module>:<Name>`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "BUCKET",
    "BUCKET_ACL",
    "CALLBACK_ENDPOINT",
    "COMPONENT_NAMESPACE",
    "DYNAMIC",
    "RAM_POLICY",
    "RAM_ROLE",
    "ROLE_POLICY_ATTACHMENT",
    "SERVICE_QUEUE",
    "STORAGE_LOCATION",
    "UPLOAD_ACCESS",
    "UPLOAD_PROFILE",
    "WORKFLOW_TEMPLATE",
    "component_type",
    "is_event_callback",
]

COMPONENT_NAMESPACE = "icekit"


def component_type(module: str, name: str) -> str:
    """The type token of an icekit component: `icekit:<module>:<Name>`."""
    return f"{COMPONENT_NAMESPACE}:{module}:{name}"


STORAGE_LOCATION = component_type("storage", "StorageLocation")
CALLBACK_ENDPOINT = component_type("callback", "CallbackEndpoint")
WORKFLOW_TEMPLATE = component_type("workflow", "WorkflowTemplate")
UPLOAD_ACCESS = component_type("access", "UploadAccess")
UPLOAD_PROFILE = component_type("profile", "UploadProfile")
RAM_POLICY = "alicloud:ram/policy:Policy"
RAM_ROLE = "alicloud:ram/role:Role"
ROLE_POLICY_ATTACHMENT = "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment"
BUCKET = "alicloud:oss/bucket:Bucket"
BUCKET_ACL = "alicloud:oss/bucketAcl:BucketAcl"
SERVICE_QUEUE = "alicloud:message/serviceQueue:ServiceQueue"
DYNAMIC = "pulumi-python:dynamic:Resource"


def is_event_callback(resource_type: str, props: Mapping[str, Any]) -> bool:
    """The ICE event-callback dynamic resource (`iceResource: "EventCallback"`)."""
    return resource_type == DYNAMIC and props.get("iceResource") == "EventCallback"
