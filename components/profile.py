"""UploadProfile: one per app. Ties storage, access, callback and workflow together and yields the app's
client configuration (the `clientConfigs` stack output)."""

from __future__ import annotations

from typing import Any

import pulumi

from icekit.facts.ids import OFFLINE_ACCOUNT_ID
from icekit.facts.type_tokens import UPLOAD_PROFILE as TYPE
from icekit.stack.naming import role_arn
from icekit.stack.sections import MnsCallback

from .access import UploadAccess
from .args import StorageLocationArgs, UploadAccessArgs, UploadProfileArgs
from .client_config import client_config_document
from .storage import StorageLocation
from .workflow import post_process_config

__all__ = ["TYPE", "UploadProfile"]


class UploadProfile(pulumi.ComponentResource):
    # Attributes are annotated in __init__, not on the class: the SDK reads a resource class's annotations
    # (and compiles string ones) at every registration to type its outputs, which components do not need.

    def __init__(
        self, name: str, args: UploadProfileArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        app = args.app
        post_process = post_process_config(args.workflow) if args.workflow is not None else None
        per_type = {kind: post_process_config(decl) for kind, decl in sorted(args.workflows.items())}
        props = {
            "app": app.name,
            "fileTypes": sorted(app.file_types),
            "actions": list(app.actions),
            "region": args.region,
            "storageLocation": args.storage.location,
            "callback": args.callback_name,
            "workflow": app.workflow,
            "workflows": app.workflow_by_type,
            "postProcessConfig": post_process,
            "postProcessConfigs": per_type,
            "declarationPath": args.app_path,
        }
        super().__init__(TYPE, name, props, opts)
        self.storage: StorageLocation = StorageLocation(
            name, _storage_args(args), pulumi.ResourceOptions(parent=self)
        )
        self.access: UploadAccess = UploadAccess(
            name, _access_args(args, self.storage), pulumi.ResourceOptions(parent=self)
        )
        self.callback_name: str | None = args.callback_name
        self.auth_key: pulumi.Output[str] | None = args.callback_auth_key

        # Build and validate the document now, with the ARN the role will have, so that a contract break is a
        # user error raised before any resource exists. Once: `document_for` reuses it for that ARN (always
        # offline, and on a deploy to the declared account) and builds and validates another one only for
        # another ARN (a deploy to an account the stack does not declare).
        self._args = args
        self._actions = self.access.allowed_actions
        self._post_process = per_type
        self._expected_arn = role_arn(args.account_id or OFFLINE_ACCOUNT_ID, args.stack, app.name)
        self._document = self._build_document(self._expected_arn)
        # Small component outputs: the client configuration is a stack output already (`clientConfigs`).
        self.register_outputs({"roleArn": self.access.role_arn})

    def _build_document(self, arn: str) -> dict[str, Any]:
        return client_config_document(
            self._args, role_arn=arn, allowed_actions=self._actions, post_process_configs=self._post_process
        )

    def document_for(self, arn: str) -> dict[str, Any]:
        """The app's validated ClientConfig document with the role ARN the engine reported."""
        return self._document if arn == self._expected_arn else self._build_document(arn)

    @property
    def client_config(self) -> pulumi.Output[dict[str, Any]]:
        """The app's ClientConfig document once the role exists (the program exports all of them at once,
        see `Program.client_configs`, so this Output is made only when asked for)."""
        return self.access.role_arn.apply(self.document_for)


def _storage_args(args: UploadProfileArgs) -> StorageLocationArgs:
    return StorageLocationArgs(
        stack=args.stack,
        region=args.region,
        stack_file=args.stack_file,
        app=args.app,
        app_path=args.app_path,
        storage_name=args.storage_name,
        storage=args.storage,
    )


def _access_args(args: UploadProfileArgs, storage: StorageLocation) -> UploadAccessArgs:
    extra = {"bucket": storage.policy_name} if storage.policy_name is not None else {}
    queue = args.callback.queue_name if isinstance(args.callback, MnsCallback) else None
    return UploadAccessArgs(
        stack=args.stack,
        stack_file=args.stack_file,
        app=args.app,
        app_path=args.app_path,
        own_bucket=args.storage.own_bucket is not None,
        extra_policies=extra,
        consumed_queue=queue if args.app.consume_queue else None,
        region=args.region,
        account_id=args.account_id,
    )
