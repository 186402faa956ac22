"""Synthetic PlanResult-shaped documents (as `model_dump(mode="json")` gives them) for the pure tests, and
the typed models the review builds from them (PlanResult, Finding, PlannedStack)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from icekit.plan.model import PlanResult
from icekit.review.planned import PlannedStack
from icekit.rules.finding import Finding

PROJECT = "icekit"
ACCOUNT = "1234567890123456"
CREATE = "ice:CreateUploadMedia"
GET_INFO = "ice:GetMediaInfo"
ICE_RESOURCE = f"acs:ice:cn-shanghai:{ACCOUNT}:*"
BACKEND = f"acs:ram::{ACCOUNT}:role/mobile-backend"


def urn(stack: str, type_: str, name: str) -> str:
    return f"urn:pulumi:{stack}::{PROJECT}::{type_}::{name}"


def resource(type_: str, name: str, inputs: dict[str, Any], stack: str = "dev") -> dict[str, Any]:
    return {
        "urn": urn(stack, type_, name),
        "type": type_,
        "name": name,
        "parent": None,
        "custom": not type_.startswith("icekit:"),
        "inputs": inputs,
        "declarationPath": "icekit:apps[0]",
    }


def allow(
    actions: list[str] | str = CREATE,
    resources: list[str] | str = ICE_RESOURCE,
    conditions: dict[str, Any] | None = None,
    effect: str = "Allow",
) -> dict[str, Any]:
    statement: dict[str, Any] = {"Effect": effect, "Action": actions, "Resource": resources}
    if conditions is not None:
        statement["Condition"] = conditions
    return statement


def deny(
    actions: list[str] | str, resources: list[str] | str = "*", conditions: dict[str, Any] | None = None
) -> dict[str, Any]:
    return allow(actions, resources, conditions, effect="Deny")


def trust(*principals: str, conditions: dict[str, Any] | None = None) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Principal": {"RAM": list(principals)},
    }
    if conditions:
        statement["Condition"] = conditions
    return statement


def document(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "1", "Statement": list(statements)})


def policy(*statements: dict[str, Any], name: str = "upload-policy", stack: str = "dev") -> dict[str, Any]:
    return resource(
        "alicloud:ram/policy:Policy",
        name,
        {"policyName": f"icekit-{stack}-{name}", "policyDocument": document(*statements), "description": "x"},
        stack,
    )


def role(*statements: dict[str, Any], name: str = "upload-role", max_session: int = 3600) -> dict[str, Any]:
    return resource(
        "alicloud:ram/role:Role",
        name,
        {
            "roleName": f"icekit-dev-{name}",
            "assumeRolePolicyDocument": document(*statements),
            "maxSessionDuration": max_session,
        },
    )


def attachment(
    role_name: str = "icekit-dev-upload-role", policy_name: str = "icekit-dev-upload-policy"
) -> dict[str, Any]:
    return resource(
        "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment",
        f"{policy_name}-attachment",
        {"roleName": role_name, "policyName": policy_name, "policyType": "Custom"},
    )


def bucket(acl: str = "private", sse: str | None = "AES256", name: str = "import-bucket") -> dict[str, Any]:
    inputs: dict[str, Any] = {"bucket": f"acme-{name}", "acl": acl}
    if sse:
        inputs["serverSideEncryptionRule"] = {"sseAlgorithm": sse}
    return resource("alicloud:oss/bucket:Bucket", name, inputs)


def callback(
    url: str = "https://hooks.example.com/ice", auth: bool = True, insecure: bool = False, name: str = "hooks"
) -> dict[str, Any]:
    return resource(
        "icekit:callback:CallbackEndpoint",
        name,
        {
            "name": name,
            "kind": "http",
            "url": url,
            "queueName": None,
            "authEnabled": auth,
            "allowInsecureHttp": insecure,
        },
    )


def event_callback(url: str = "https://hooks.example.com/ice", switch: str = "on") -> dict[str, Any]:
    return resource(
        "pulumi-python:dynamic:Resource",
        "dev-event-callback",
        {
            "iceResource": "EventCallback",
            "callbackType": "http",
            "callbackUrl": url,
            "authSwitch": switch,
            "authKey": "[secret]",
        },
    )


def client_config(app: str = "mobile-video", **changes: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "version": "1",
        "stack": "dev",
        "app": app,
        "region": "cn-shanghai",
        "endpoint": "ice.cn-shanghai.aliyuncs.com",
        "roleArn": f"acs:ram::{ACCOUNT}:role/icekit-dev-{app}",
        "roleSessionName": f"icekit-{app}",
        "appId": "app-1000000",
        "entityId": None,
        "allowedActions": [CREATE, GET_INFO],
        "request": {
            "UploadTargetConfig": json.dumps(
                {"StorageType": "oss", "StorageLocation": "outin-1.oss-cn-shanghai.aliyuncs.com"}
            ),
            "UserData": json.dumps({"MessageCallback": {"CallbackURL": "https://hooks.example.com/ice"}}),
        },
        "mediaDefaults": {"businessType": "general", "tags": ["mobile"], "cateId": None},
        "fileRules": [{"type": "video", "extensions": ["mov", "mp4"], "maxSizeBytes": 5368709120}],
        "callback": {
            "kind": "http",
            "url": "https://hooks.example.com/ice",
            "authEnabled": True,
            "queueName": None,
        },
        "credentialValiditySeconds": 3000,
    }
    config.update(changes)
    return config


def plan(
    *resources: dict[str, Any], configs: dict[str, Any] | None = None, stack: str = "dev"
) -> dict[str, Any]:
    client_configs = configs if configs is not None else {"mobile-video": client_config()}
    return {
        "stack": stack,
        "project": PROJECT,
        "stackFile": f"stacks/Pulumi.{stack}.yaml",
        "region": "cn-shanghai",
        "accountId": ACCOUNT,
        "accountIdOffline": False,
        "environment": "dev",
        "resources": list(resources),
        "outputs": {"icekitContract": "1", "clientConfigs": client_configs},
        "clientConfigs": client_configs,
    }


SECURE = {"Bool": {"acs:SecureTransport": "true"}}
OFFICE = {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}, **SECURE}


def with_resources(base: dict[str, Any], **replace: dict[str, Any]) -> dict[str, Any]:
    """`base` with resources of the same name replaced (or appended when new)."""
    resources = [replace.pop(r["name"], r) for r in base["resources"]]
    return {**base, "resources": resources + list(replace.values())}


def baseline() -> dict[str, Any]:
    """A typical stack: one policy, one trusted role, attachment, a protected bucket and callback."""
    return plan(
        policy(allow([CREATE, GET_INFO], ICE_RESOURCE, OFFICE)),
        role(trust(f"acs:ram::{ACCOUNT}:role/mobile-backend")),
        attachment(),
        bucket(),
        callback(),
        event_callback(),
    )


def plan_result(document: dict[str, Any]) -> PlanResult:
    """The PlanResult a plan worker hands back for this document."""
    return PlanResult.model_validate(document)


def planned(document: dict[str, Any], findings: Iterable[Finding] = ()) -> PlannedStack:
    return PlannedStack(plan=plan_result(document), findings=tuple(findings))


def finding(
    rule: str = "RAM101", name: str = "upload-policy", enforcement: str = "advisory", **extra: Any
) -> Finding:
    value: dict[str, Any] = {
        "ruleId": rule,
        "title": f"title of {rule}",
        "severity": "high",
        "enforcement": enforcement,
        "resourceUrn": urn("dev", "alicloud:ram/policy:Policy", name),
        "resourceType": "alicloud:ram/policy:Policy",
        "resourceName": name,
        "message": f"{rule} says no",
        "declarationPath": "icekit:apps[0]",
        "suppressed": False,
        "suppressionReason": None,
    }
    value.update(extra)
    return Finding.model_validate(value)
