"""The least-privilege documents of an app: its trust policy, its ICE upload policy, its own-bucket policy.

ICE actions support no resource-level authorization, so their Resource is `*` (ice-upload-facts.md, RAM);
the declared conditions (acs:SourceIp, acs:SecureTransport) are what narrows them. The documents are the
one RAM model (icekit.ram), serialized by icekit.ram.serialize.
"""

from __future__ import annotations

from icekit.facts.callbacks import MNS_CONSUMER_ACTIONS, mns_queue_messages_arn
from icekit.ram import PolicyDocument, Statement
from icekit.ram.build import assume_role_statement, conditions_from_block, objects_pattern
from icekit.ram.names import SECURE_TRANSPORT, SOURCE_IP
from icekit.ram.serialize import ConditionBlock
from icekit.stack.model import AppDecl, Conditions
from icekit.stack.sections import OwnBucket

__all__ = [
    "bucket_policy",
    "bucket_resource_arn",
    "conditions_block",
    "ice_actions",
    "queue_statement",
    "trust_policy",
    "upload_policy",
]


def conditions_block(conditions: Conditions) -> ConditionBlock:
    """The declared conditions as a RAM Condition block (empty when none are declared)."""
    block: ConditionBlock = {}
    if conditions.source_ip:
        block["IpAddress"] = {SOURCE_IP: list(conditions.source_ip)}
    if conditions.secure_transport is not None:
        block["Bool"] = {SECURE_TRANSPORT: ["true" if conditions.secure_transport else "false"]}
    return block


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
    return PolicyDocument(statements=(assume_role_statement(app.trusted_principals),))


def queue_statement(app: AppDecl, *, region: str, account: str, queue: str) -> Statement:
    """`consumeQueue`: receive, delete and change the visibility of messages of the app's own queue only."""
    conditions = conditions_from_block(conditions_block(app.conditions))
    return Statement(
        actions=list(MNS_CONSUMER_ACTIONS),
        resources=[mns_queue_messages_arn(region, account, queue)],
        conditions=conditions,
    )


def upload_policy(app: AppDecl, *, own_bucket: bool, queue: Statement | None = None) -> PolicyDocument | None:
    """None when the app needs nothing beyond its bucket policy (an own-bucket app declaring no ICE action
    and consuming no queue). `queue`: the consumer statement of `consumeQueue`."""
    actions = ice_actions(app, own_bucket=own_bucket)
    conditions = conditions_from_block(conditions_block(app.conditions))
    statements = [Statement(actions=actions, resources=["*"], conditions=conditions)] if actions else []
    if queue is not None:
        statements.append(queue)
    return PolicyDocument(statements=tuple(statements)) if statements else None


def bucket_resource_arn(bucket: OwnBucket) -> str:
    return objects_pattern(bucket.name, bucket.prefix)


def bucket_policy(app: AppDecl, bucket: OwnBucket) -> PolicyDocument:
    """oss:PutObject under the bucket prefix, and ice:RegisterMediaInfo to register what was uploaded."""
    conditions = conditions_from_block(conditions_block(app.conditions))
    return PolicyDocument(
        statements=(
            Statement(
                actions=["oss:PutObject"], resources=[bucket_resource_arn(bucket)], conditions=conditions
            ),
            Statement(actions=["ice:RegisterMediaInfo"], resources=["*"], conditions=conditions),
        )
    )
