"""A tiny Pulumi program in the shape of icekit's: one component per app, RAM resources, a secret, exports.

It lets the engine be tested apart from the real components (tests/plan/test_engine.py).
"""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_alicloud as alicloud


class TinyAccess(pulumi.ComponentResource):
    def __init__(self, app: str, path: str, auth_key: pulumi.Output[str] | None) -> None:
        props: dict[str, Any] = {"app": app, "declarationPath": path}
        if auth_key is not None:
            props["authKey"] = auth_key
        super().__init__("icekit:access:UploadAccess", app, props)
        child = pulumi.ResourceOptions(parent=self)
        self.role = alicloud.ram.Role(
            f"{app}-role",
            role_name=f"icekit-{pulumi.get_stack()}-{app}",
            assume_role_policy_document=json.dumps({"Version": "1", "Statement": []}),
            max_session_duration=3600,
            opts=child,
        )
        policy = alicloud.ram.Policy(
            f"{app}-policy",
            policy_name=f"icekit-{app}",
            policy_document=json.dumps({"Version": "1", "Statement": [{"Effect": "Allow"}]}),
            opts=child,
        )
        alicloud.ram.RolePolicyAttachment(
            f"{app}-attach",
            role_name=self.role.role_name.apply(lambda n: n or ""),
            policy_name=policy.policy_name.apply(lambda n: n or ""),
            policy_type="Custom",
            opts=child,
        )
        self.register_outputs({})


def main() -> None:
    config = pulumi.Config("icekit")
    apps: list[dict[str, Any]] = config.require_object("apps")
    callbacks: dict[str, dict[str, Any]] = config.get_object("callbacks") or {}
    auth_keys: dict[str, pulumi.Output[str]] = {}
    configs: dict[str, Any] = {}
    for index, app in enumerate(apps):
        name = app["name"]
        callback = callbacks.get(app.get("callback") or "", {})
        key = callback.get("authKey")
        secret = pulumi.Output.secret(key) if isinstance(key, str) else None
        access = TinyAccess(name, f"icekit:apps[{index}]", secret)
        if secret is not None:
            auth_keys[name] = secret
        configs[name] = {"app": name, "roleArn": access.role.arn}
    pulumi.export("icekitContract", "1")
    pulumi.export("clientConfigs", configs)
    pulumi.export("callbackAuthKeys", pulumi.Output.secret(auth_keys))
