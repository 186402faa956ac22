"""A PlanResult-shaped document (docs/contracts.md, "Plan result") and its stack file, for check tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from icekit.plan import PlanResult
from icekit.stack import StackFile, build_guardrails

STACK_FILE = """\
config:
  alicloud:region: cn-shanghai
  icekit:environment: dev
  icekit:accountId: "1234567890123456"
  icekit:storage:
    vod-main:
      location: outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com
    import-bucket:
      ownBucket: {name: acme-dev-ice-import, prefix: incoming/}
  icekit:callbacks:
    hooks:
      kind: http
      url: http://hooks.example.com/ice
  icekit:apps:
    - name: mobile-video
      storage: vod-main
      callback: hooks
    - name: batch-import
      storage: import-bucket
  icekit:suppressions:
    - rule: OSS
      resource: import-bucket
      reason: "bucket is replaced by VOD storage next sprint"
"""

LINES = {
    "icekit:callbacks.hooks": 11,
    "icekit:apps[0]": 15,
    "icekit:apps[1]": 18,
    "icekit:storage.import-bucket": 8,
    "alicloud:region": 2,
}

SECURE = {"Bool": {"acs:SecureTransport": ["true"]}}


def _urn(type_: str, name: str) -> str:
    return f"urn:pulumi:dev::icekit::{type_}::{name}"


def resource(
    type_: str, name: str, inputs: dict[str, Any], decl: str | None, parent: str | None = None
) -> dict[str, Any]:
    return {
        "urn": _urn(type_, name),
        "type": type_,
        "name": name,
        "parent": parent,
        "custom": not type_.startswith("icekit:"),
        "inputs": inputs,
        "declarationPath": decl,
    }


def app_resources(index: int, name: str, *, wildcard: bool = False) -> list[dict[str, Any]]:
    decl = f"icekit:apps[{index}]"
    access = resource(
        "icekit:access:UploadAccess", f"{name}-access", {"app": name, "declarationPath": decl}, decl
    )
    action = "ice:*" if wildcard else ["ice:CreateUploadMedia", "ice:GetMediaInfo"]
    document = {
        "Version": "1",
        "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*", "Condition": SECURE}],
    }
    policy = resource(
        "alicloud:ram/policy:Policy",
        f"{name}-upload",
        {"policyName": f"icekit-dev-{name}", "policyDocument": json.dumps(document)},
        decl,
        access["urn"],
    )
    return [access, policy]


def plan_document(stack_file: str = "stacks/Pulumi.dev.yaml") -> dict[str, Any]:
    callback_decl = "icekit:callbacks.hooks"
    bucket_decl = "icekit:storage.import-bucket"
    storage = resource(
        "icekit:storage:StorageLocation",
        "import-bucket",
        {"region": "cn-shanghai", "storageLocation": None, "ownBucket": {"name": "acme-dev-ice-import"}},
        bucket_decl,
    )
    resources = [
        resource(
            "icekit:callback:CallbackEndpoint",
            "hooks",
            {
                "name": "hooks",
                "kind": "http",
                "url": "http://hooks.example.com/ice",
                "authEnabled": True,
                "allowInsecureHttp": False,
                "region": "cn-shanghai",
                "declarationPath": callback_decl,
            },
            callback_decl,
        ),
        storage,
        resource(
            "alicloud:oss/bucket:Bucket",
            "acme-dev-ice-import",
            {"bucket": "acme-dev-ice-import", "acl": "public-read"},
            bucket_decl,
            storage["urn"],
        ),
        *app_resources(0, "mobile-video", wildcard=True),
        *app_resources(1, "batch-import"),
    ]
    return {
        "stack": "dev",
        "project": "icekit",
        "stackFile": stack_file,
        "region": "cn-shanghai",
        "accountId": "1234567890123456",
        "accountIdOffline": False,
        "environment": "dev",
        "resources": resources,
        "outputs": {},
        "clientConfigs": {},
    }


def write_project(root: Path) -> dict[str, Any]:
    (root / "stacks").mkdir(parents=True, exist_ok=True)
    (root / "stacks" / "Pulumi.dev.yaml").write_text(STACK_FILE, encoding="utf-8")
    return plan_document()


def carried(document: dict[str, Any], root: Path) -> PlanResult:
    """The document as `run_plan` would return it: with what the plan carries from its stack file (guardrail
    settings, suppressions, line index) and the project directory, read as the plan reads them."""
    stack_file = StackFile.read(root / document["stackFile"])
    declared = build_guardrails(stack_file)
    return PlanResult.model_validate(
        {
            **document,
            "guardrails": declared.guardrails,
            "suppressions": declared.suppressions,
            "lineIndex": stack_file.lines,
            "projectDir": str(root.resolve()),
        }
    )
