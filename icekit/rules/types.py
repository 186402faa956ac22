"""Type tokens of the resources icekit makes and looks at (docs/contracts.md, "Resource types"): the rules,
the offline plan's mocks and the review all name them from here."""

from __future__ import annotations

__all__ = [
    "BUCKET",
    "BUCKET_ACL",
    "CALLBACK_ENDPOINT",
    "DYNAMIC",
    "RAM_POLICY",
    "RAM_ROLE",
    "ROLE_POLICY_ATTACHMENT",
    "SERVICE_QUEUE",
    "STORAGE_LOCATION",
    "UPLOAD_ACCESS",
    "UPLOAD_PROFILE",
    "WORKFLOW_TEMPLATE",
    "is_event_callback",
]

from collections.abc import Mapping
from typing import Any

STORAGE_LOCATION = "icekit:storage:StorageLocation"
CALLBACK_ENDPOINT = "icekit:callback:CallbackEndpoint"
WORKFLOW_TEMPLATE = "icekit:workflow:WorkflowTemplate"
UPLOAD_ACCESS = "icekit:access:UploadAccess"
UPLOAD_PROFILE = "icekit:profile:UploadProfile"
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
