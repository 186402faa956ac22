"""UploadProfile: one per app. Ties storage, access, callback and workflow together and yields the app's
client configuration (the `clientConfigs` stack output)."""

from __future__ import annotations

from typing import Any

import pulumi

from components.access import UploadAccess
from components.callback import CallbackEndpoint
from components.client_config import client_config_document
from components.context import StackContext
from components.storage import StorageLocation
from components.workflow import WorkflowTemplate
from icekit.spec.naming import role_arn

__all__ = ["OFFLINE_ACCOUNT_ID", "TYPE", "UploadProfile"]

TYPE = "icekit:profile:UploadProfile"
OFFLINE_ACCOUNT_ID = "000000000000"


class UploadProfile(pulumi.ComponentResource):
    storage: StorageLocation
    access: UploadAccess
    client_config: pulumi.Output[dict[str, Any]]
    auth_key: pulumi.Output[str] | None

    def __init__(
        self,
        ctx: StackContext,
        app_index: int,
        *,
        callbacks: dict[str, CallbackEndpoint],
        workflows: dict[str, WorkflowTemplate],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        spec = ctx.spec
        app = spec.apps[app_index]
        path = f"icekit:apps[{app_index}]"
        decl = spec.storage[app.storage]
        own_bucket = decl.own_bucket is not None
        workflow = workflows[app.workflow] if app.workflow else None
        post_process = workflow.post_process_config if workflow else None
        props = {
            "app": app.name,
            "fileTypes": sorted(app.file_types),
            "region": ctx.region,
            "storageLocation": decl.location,
            "callback": app.callback,
            "workflow": app.workflow,
            "postProcessConfig": post_process,
            "declarationPath": path,
        }
        super().__init__(TYPE, app.name, props, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.storage = StorageLocation(ctx, app, app_path=path, opts=child)
        extra = {"bucket": self.storage.policy_name} if self.storage.policy_name is not None else None
        self.access = UploadAccess(
            ctx, app, app_path=path, own_bucket=own_bucket, extra_policies=extra, opts=child
        )
        actions = self.access.allowed_actions

        # Validate the document now (with the ARN the role will have), so a contract break is a user error
        # raised before any resource exists; the apply below only swaps in the engine's ARN.
        expected_arn = role_arn(spec.account_id or OFFLINE_ACCOUNT_ID, spec.stack, app.name)
        client_config_document(
            spec, app, role_arn=expected_arn, allowed_actions=actions, post_process_config=post_process
        )
        self.client_config = self.access.role_arn.apply(
            lambda arn: client_config_document(
                spec, app, role_arn=arn, allowed_actions=actions, post_process_config=post_process
            )
        )
        callback = callbacks[app.callback] if app.callback else None
        self.auth_key = callback.auth_key if callback is not None and callback.kind == "http" else None
        self.register_outputs(
            {
                "roleArn": self.access.role_arn,
                "clientConfig": self.client_config,
            }
        )
