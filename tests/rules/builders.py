"""Small builders for rule fixtures: resource views and RAM documents as the components make them."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from icekit.access.least_privilege import DeclaredAccess
from icekit.rules.context import RuleContext
from icekit.rules.view import ResourceView
from icekit.stack.guardrails import GuardrailSettings

ACCOUNT = "1234567890123456"
OTHER_ACCOUNT = "6543210987654321"
LOCATION = "outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com"
WORKFLOW_ID = "74ba870f1a4873a3ba238e0bf6fa9c01"

SECURE = {"Bool": {"acs:SecureTransport": "true"}}
SECURE_AND_IP = {"Bool": {"acs:SecureTransport": "true"}, "IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}}


def ctx(environment: str = "dev", region: str = "cn-shanghai", **settings: Any) -> RuleContext:
    return RuleContext(
        stack=environment,
        region=region,
        environment=environment,
        account_id=ACCOUNT,
        settings=GuardrailSettings.model_validate(settings),
    )


def declared(environment: str = "dev", **intent: Any) -> RuleContext:
    """A context that knows what app `app` asks for (RAM108), its role `r` by default."""
    values: dict[str, Any] = {
        "app": "app",
        "role": "r",
        "actions": ("ice:CreateUploadMedia", "ice:GetMediaInfo"),
        "objects": None,
        "source_ip": ("10.0.0.0/8",),
        "secure_transport": True,
    }
    values.update(intent)
    return replace(ctx(environment), declared_access=(DeclaredAccess(**values),))


def attachment(role: str = "r", policy_name: str = "p") -> ResourceView:
    props = {"roleName": role, "policyName": policy_name, "policyType": "Custom"}
    return view("alicloud:ram/rolePolicyAttachment:RolePolicyAttachment", props, name=f"{role}-{policy_name}")


def view(type_: str, props: dict[str, Any], name: str = "res", decl: str | None = None) -> ResourceView:
    return ResourceView(
        urn=f"urn:pulumi:dev::icekit::{type_}::{name}",
        type=type_,
        name=name,
        props=props,
        declaration_path=decl,
        labels=(name,),
    )


def statement(
    actions: list[str] | str = "ice:CreateUploadMedia",
    resources: list[str] | str = "*",
    effect: str = "Allow",
    condition: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    item: dict[str, Any] = {"Effect": effect, "Action": actions, "Resource": resources}
    item["Condition"] = SECURE_AND_IP if condition is None else condition
    if not item["Condition"]:
        del item["Condition"]
    item.update(extra)
    for key in [k for k, v in item.items() if v is None]:
        del item[key]
    return item


def document(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "1", "Statement": list(statements)})


def policy(*statements: dict[str, Any], raw: str | None = None) -> ResourceView:
    return view(
        "alicloud:ram/policy:Policy", {"policyName": "p", "policyDocument": raw or document(*statements)}
    )


def trust(principal: Any, condition: dict[str, Any] | None = None) -> ResourceView:
    item: dict[str, Any] = {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": principal}
    if condition:
        item["Condition"] = condition
    return view(
        "alicloud:ram/role:Role",
        {"roleName": "r", "assumeRolePolicyDocument": json.dumps({"Version": "1", "Statement": [item]})},
    )


def callback(**props: Any) -> ResourceView:
    base: dict[str, Any] = {
        "name": "hooks",
        "kind": "http",
        "url": "https://hooks.example.com/ice",
        "authEnabled": True,
        "allowInsecureHttp": False,
        "region": "cn-shanghai",
        "queueName": None,
    }
    base.update(props)
    return view(
        "icekit:callback:CallbackEndpoint", base, name=str(base["name"]), decl="icekit:callbacks.hooks"
    )


def event_callback(**props: Any) -> ResourceView:
    base: dict[str, Any] = {
        "iceResource": "EventCallback",
        "region": "cn-shanghai",
        "callbackType": "HTTP",
        "callbackUrl": "https://hooks.example.com/ice",
        "eventTypeList": "FileUploadComplete",
        "authSwitch": "on",
        "authKey": "[secret]",
    }
    base.update(props)
    return view("pulumi-python:dynamic:Resource", base, name="dev-event-callback")


def profile(**props: Any) -> ResourceView:
    base: dict[str, Any] = {
        "app": "mobile-video",
        "fileTypes": ["video"],  # as components.profile passes it
        "region": "cn-shanghai",
        "storageLocation": LOCATION,
        "callback": "hooks",
        "workflow": "transcode-hd",
        "postProcessConfig": json.dumps({"ProcessType": "Workflow", "ProcessID": WORKFLOW_ID}),
    }
    base.update(props)
    return view("icekit:profile:UploadProfile", base, name="mobile-video", decl="icekit:apps[0]")


def workflow(workflow_id: str = WORKFLOW_ID, name: str = "transcode-hd") -> ResourceView:
    return view(
        "icekit:workflow:WorkflowTemplate",
        {"name": name, "workflowId": workflow_id},
        name=name,
        decl=f"icekit:workflows.{name}",
    )


def storage(**props: Any) -> ResourceView:
    base: dict[str, Any] = {
        "app": None,
        "region": "cn-shanghai",
        "storageLocation": LOCATION,
        "ownBucket": None,
    }
    base.update(props)
    return view("icekit:storage:StorageLocation", base, name="vod-main", decl="icekit:storage.vod-main")


def bucket(**props: Any) -> ResourceView:
    base: dict[str, Any] = {
        "bucket": "acme-dev-ice-import",
        "acl": "private",
        "serverSideEncryptionRule": {"sseAlgorithm": "AES256"},
    }
    base.update(props)
    return view("alicloud:oss/bucket:Bucket", base, name="import-bucket")
