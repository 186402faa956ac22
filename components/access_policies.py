"""The least-privilege documents of an app: its trust policy, its ICE upload policy, its own-bucket policy.

ICE actions support no resource-level authorization, so their Resource is `*` (ice-upload-facts.md, RAM);
the declared conditions (acs:SourceIp, acs:SecureTransport) are what narrows them.
"""

from __future__ import annotations

from components.ram_documents import PolicyDocument, Statement, TrustStatement, conditions_block
from icekit.stack.model import AppDecl
from icekit.stack.sections import OwnBucket

__all__ = ["bucket_policy", "bucket_resource_arn", "ice_actions", "trust_policy", "upload_policy"]


def ice_actions(app: AppDecl, *, own_bucket: bool) -> list[str]:
    """The ICE actions the upload policy grants: CreateUploadMedia (VOD storage only) plus what is declared.

    An own-bucket app uploads with the OSS SDK and registers the object with RegisterMediaInfo, which its
    bucket policy grants; CreateUploadMedia cannot target its bucket, so it does not get that action.
    """
    actions = {f"ice:{name}" for name in app.actions}
    if not own_bucket:
        actions.add("ice:CreateUploadMedia")
    return sorted(actions)


def trust_policy(app: AppDecl) -> PolicyDocument:
    return PolicyDocument(statements=[TrustStatement(principals=list(app.trusted_principals))])


def upload_policy(app: AppDecl, *, own_bucket: bool) -> PolicyDocument | None:
    """None when the app needs no ICE action beyond its bucket policy (an own-bucket app declaring none)."""
    actions = ice_actions(app, own_bucket=own_bucket)
    if not actions:
        return None
    return PolicyDocument(
        statements=[Statement(actions=actions, resources=["*"], condition=conditions_block(app.conditions))]
    )


def bucket_resource_arn(bucket: OwnBucket) -> str:
    return f"acs:oss:*:*:{bucket.name}/{bucket.prefix}*"


def bucket_policy(app: AppDecl, bucket: OwnBucket) -> PolicyDocument:
    """oss:PutObject under the bucket prefix, and ice:RegisterMediaInfo to register what was uploaded."""
    condition = conditions_block(app.conditions)
    return PolicyDocument(
        statements=[
            Statement(
                actions=["oss:PutObject"], resources=[bucket_resource_arn(bucket)], condition=condition
            ),
            Statement(actions=["ice:RegisterMediaInfo"], resources=["*"], condition=condition),
        ]
    )
