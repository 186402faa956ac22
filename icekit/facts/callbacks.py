"""ICE's limits on the callbacks it calls: SetEventCallback and UserData.MessageCallback
(ice-upload-facts.md)."""

from __future__ import annotations

__all__ = [
    "AUTH_KEY_MAX",
    "MAX_CALLBACK_URL_BYTES",
    "MNS_CONSUMER_ACTIONS",
    "MNS_QUEUE_PREFIX",
    "mns_queue_messages_arn",
]

# A callback URL (CallbackURL) is at most 256 bytes in UTF-8.
MAX_CALLBACK_URL_BYTES = 256
# An event callback's AuthKey: at most 32 characters.
AUTH_KEY_MAX = 32
# CallbackQueueName must start with `ice-callback-`.
MNS_QUEUE_PREFIX = "ice-callback-"

# What an application needs to read its own MNS callback queue, least privilege (docs/ice-facts.md, 8):
# MNS authorises per resource (RAM code `mns`, granularity resource: "RAM authorization" for MNS,
# https://help.aliyun.com/zh/mns/developer-reference/api-mns-open-2022-01-19-ram; API-to-action table,
# https://www.alibabacloud.com/help/en/mns/permission-policies-and-examples): ReceiveMessage (and
# BatchReceiveMessage), DeleteMessage, ChangeMessageVisibility, each on the queue's `messages`.
MNS_CONSUMER_ACTIONS = ("mns:ChangeMessageVisibility", "mns:DeleteMessage", "mns:ReceiveMessage")


def mns_queue_messages_arn(region: str, account: str, queue: str) -> str:
    """`acs:mns:<region>:<account>:/queues/<queue>/messages`: the messages of one queue, nothing else."""
    return f"acs:mns:{region}:{account}:/queues/{queue}/messages"
