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
from icekit.facts.ids import OFFLINE_ACCOUNT_ID
from icekit.facts.type_tokens import UPLOAD_PROFILE as TYPE
from icekit.stack.naming import role_arn

__all__ = ["TYPE", "UploadProfile"]


class UploadProfile(pulumi.ComponentResource):
    # Attributes are annotated in __init__, not on the class: the SDK reads a resource class's annotations
    # (and compiles string ones) at every registration to type its outputs, which components do not need.

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
        self.storage: StorageLocation = StorageLocation(ctx, app, app_path=path, opts=child)
        extra = {"bucket": self.storage.policy_name} if self.storage.policy_name is not None else None
        self.access: UploadAccess = UploadAccess(
            ctx, app, app_path=path, own_bucket=own_bucket, extra_policies=extra, opts=child
        )
        self.callback_name: str | None = app.callback
        callback = callbacks[app.callback] if app.callback else None
        self.auth_key: pulumi.Output[str] | None = (
            callback.auth_key if callback is not None and callback.kind == "http" else None
        )

        # Build and validate the document now, with the ARN the role will have, so that a contract break is a
        # user error raised before any resource exists. Once: `document_for` reuses it for that ARN (always
        # offline, and on a deploy to the declared account) and builds and validates another one only for
        # another ARN (a deploy to an account the stack does not declare).
        self._spec = spec
        self._app = app
        self._actions = self.access.allowed_actions
        self._post_process = post_process
        self._expected_arn = role_arn(spec.account_id or OFFLINE_ACCOUNT_ID, spec.stack, app.name)
        self._document = self._build_document(self._expected_arn)
        # Small component outputs: the client configuration is a stack output already (`clientConfigs`).
        self.register_outputs({"roleArn": self.access.role_arn})

    def _build_document(self, arn: str) -> dict[str, Any]:
        return client_config_document(
            self._spec,
            self._app,
            role_arn=arn,
            allowed_actions=self._actions,
            post_process_config=self._post_process,
        )

    def document_for(self, arn: str) -> dict[str, Any]:
        """The app's validated ClientConfig document with the role ARN the engine reported."""
        return self._document if arn == self._expected_arn else self._build_document(arn)

    @property
    def client_config(self) -> pulumi.Output[dict[str, Any]]:
        """The app's ClientConfig document once the role exists (the program exports all of them at once,
        see `Program.client_configs`, so this Output is made only when asked for)."""
        return self.access.role_arn.apply(self.document_for)
