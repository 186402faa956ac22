"""StorageLocation: where one app's uploads land.

A VOD storage location (`outin-...`) needs no resource: CreateUploadMedia writes there. An own bucket gets a
private, server-side-encrypted OSS bucket and a policy for oss:PutObject under its prefix plus
ice:RegisterMediaInfo (CreateUploadMedia cannot target own buckets).
"""

from __future__ import annotations

import pulumi
import pulumi_alicloud as alicloud

from icekit.facts.type_tokens import STORAGE_LOCATION as TYPE
from icekit.stack.naming import bucket_policy_name

from ._documents import document_json
from .access_policies import bucket_policy
from .args import StorageLocationArgs

__all__ = ["TYPE", "StorageLocation"]


class StorageLocation(pulumi.ComponentResource):
    # Attributes are annotated in __init__, not on the class: the SDK reads a resource class's annotations
    # (and compiles string ones) at every registration to type its outputs, which components do not need.

    def __init__(
        self, name: str, args: StorageLocationArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        app, decl = args.app, args.storage
        path = f"icekit:storage.{args.storage_name}"
        own = decl.own_bucket
        props = {
            "app": app.name,
            "region": args.region,
            "storageLocation": decl.location,
            "ownBucket": None if own is None else {"name": own.name, "prefix": own.prefix},
            "declarationPath": path,
        }
        super().__init__(TYPE, name, props, opts)
        self.storage_location: str | None = decl.location
        self.bucket: alicloud.oss.Bucket | None = None
        self.policy: alicloud.ram.Policy | None = None
        self.policy_name: pulumi.Output[str] | None = None
        if own is not None:
            child = pulumi.ResourceOptions(parent=self)
            # logical name = the storage declaration's name, so suppressions can name it
            self.bucket = alicloud.oss.Bucket(
                args.storage_name,
                bucket=own.name,
                acl="private",
                server_side_encryption_rule=alicloud.oss.BucketServerSideEncryptionRuleArgs(
                    sse_algorithm="AES256"
                ),
                tags={"icekit-stack": args.stack, "icekit-app": app.name},
                opts=child,
            )
            policy_name = bucket_policy_name(args.stack, app.name)
            self.policy = alicloud.ram.Policy(
                policy_name,
                policy_name=policy_name,
                policy_document=document_json(
                    bucket_policy(app, own), file=args.stack_file, key_path=args.app_path
                ),
                description=f"icekit {args.stack}/{app.name}: own-bucket upload to {own.name}",
                opts=pulumi.ResourceOptions(parent=self, depends_on=[self.bucket]),
            )
            self.policy_name = self.policy.policy_name
        self.register_outputs(
            {
                "storageLocation": decl.location,
                "bucket": None if self.bucket is None else self.bucket.bucket,
                "policyName": self.policy_name,
            }
        )
