"""UploadAccess: one RAM role per app, trusted by the declared principals, with a least-privilege policy."""

from __future__ import annotations

import pulumi
import pulumi_alicloud as alicloud

from icekit.facts.type_tokens import UPLOAD_ACCESS as TYPE
from icekit.stack.naming import role_name, upload_policy_name

from ._documents import document_json
from .access_policies import ice_actions, queue_statement, trust_policy, upload_policy
from .args import UploadAccessArgs

__all__ = ["TYPE", "UploadAccess"]


class UploadAccess(pulumi.ComponentResource):
    # Attributes are annotated in __init__, not on the class: the SDK reads a resource class's annotations
    # (and compiles string ones) at every registration to type its outputs, which components do not need.

    def __init__(self, name: str, args: UploadAccessArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        app, stack = args.app, args.stack
        super().__init__(TYPE, name, {"app": app.name, "declarationPath": args.app_path}, opts)
        child = pulumi.ResourceOptions(parent=self)
        role = role_name(stack, app.name)
        self.role: alicloud.ram.Role = alicloud.ram.Role(
            role,
            role_name=role,
            assume_role_policy_document=document_json(
                trust_policy(app), file=args.stack_file, key_path=args.app_path
            ),
            max_session_duration=app.max_session_duration,
            description=f"icekit {stack}/{app.name}: uploads through ICE",
            opts=child,
        )
        self.role_arn: pulumi.Output[str] = self.role.arn
        self.allowed_actions: list[str] = ice_actions(app, own_bucket=args.own_bucket)
        queue = None
        if args.consumed_queue is not None:
            # the account is `*` only when the stack declares none (the offline plan): never a wider queue
            queue = queue_statement(
                app, region=args.region, account=args.account_id or "*", queue=args.consumed_queue
            )
        document = upload_policy(app, own_bucket=args.own_bucket, queue=queue)
        self.policy: alicloud.ram.Policy | None = None
        # attachment suffix -> policy name
        policy_names: dict[str, pulumi.Output[str]] = {}
        if document is not None:
            policy = upload_policy_name(stack, app.name)
            self.policy = alicloud.ram.Policy(
                policy,
                policy_name=policy,
                policy_document=document_json(document, file=args.stack_file, key_path=args.app_path),
                description=f"icekit {stack}/{app.name}: {', '.join(self.allowed_actions)}",
                opts=child,
            )
            policy_names["upload"] = self.policy.policy_name
        policy_names.update(args.extra_policies)
        for suffix, policy_name in policy_names.items():
            alicloud.ram.RolePolicyAttachment(
                f"{role}-{suffix}",
                role_name=self.role.role_name,
                policy_name=policy_name,
                policy_type="Custom",
                opts=child,
            )
        self.register_outputs({"roleArn": self.role_arn, "roleName": self.role.role_name})
