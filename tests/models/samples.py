"""Valid sample documents shared by the tests of models, render and the basic CLI verbs."""

from __future__ import annotations

import copy
from typing import Any

__all__ = [
    "FILE_INFO_EXAMPLE",
    "MEDIA_METADATA_EXAMPLE",
    "POST_PROCESS_EXAMPLE",
    "UPLOAD_TARGET_EXAMPLE",
    "USER_DATA_EXAMPLE",
    "client_config_data",
    "client_config_v1_data",
    "own_bucket_config_data",
    "own_bucket_config_v1_data",
    "stack_outputs_data",
]

# The reference page's examples (CreateUploadMedia.txt), with the masked ids filled in.
FILE_INFO_EXAMPLE = '{"Type":"video","Name":"test","Size":108078336,"Ext":"mp4"}'
MEDIA_METADATA_EXAMPLE = (
    '{"Title": "UploadTest", "Description": "UploadImageTest", "Tags": "tag1,tag2","BusinessType":"cover"}'
)
UPLOAD_TARGET_EXAMPLE = (
    '{"StorageType":"oss","StorageLocation":"outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com"}'
)
USER_DATA_EXAMPLE = '{"MessageCallback":{"CallbackURL":"http://example.aliyundoc.com"},"Extend":{"localId":"*****","test":"www"}}'
POST_PROCESS_EXAMPLE = '{"ProcessType":"Workflow","ProcessID":"74ba870f1a4873a3ba238e0bf6fa9c01"}'

_CLIENT_CONFIG_V1: dict[str, Any] = {
    "version": "1",
    "uploadMode": "vod",
    "stack": "dev",
    "app": "mobile-video",
    "region": "cn-shanghai",
    "endpoint": "ice.cn-shanghai.aliyuncs.com",
    "roleArn": "acs:ram::1234567890123456:role/icekit-dev-mobile-video",
    "roleSessionName": "icekit-mobile-video",
    "appId": "app-1000000",
    "entityId": None,
    "allowedActions": ["ice:CreateUploadMedia", "ice:GetMediaInfo"],
    "request": {
        "UploadTargetConfig": UPLOAD_TARGET_EXAMPLE,
        "UserData": '{"MessageCallback":{"CallbackURL":"https://hooks.example.com/ice"}}',
        "PostProcessConfig": POST_PROCESS_EXAMPLE,
    },
    "mediaDefaults": {"businessType": "general", "tags": ["mobile"], "cateId": None},
    "fileRules": [
        {"type": "image", "extensions": ["jpg", "png"], "maxSizeBytes": None},
        {"type": "video", "extensions": ["mov", "mp4"], "maxSizeBytes": 5368709120},
    ],
    "callback": {
        "kind": "http",
        "url": "https://hooks.example.com/ice",
        "authEnabled": True,
        "queueName": None,
    },
    "credentialValiditySeconds": 3000,
}


# The same documents in version 2 (what icekit writes): the vpcEndpoint, the PostProcessConfig per file type
# (v1 sent its one PostProcessConfig with video and audio), the types RefreshUploadMedia renews.
_CLIENT_CONFIG: dict[str, Any] = {
    **{
        k: v
        for k, v in _CLIENT_CONFIG_V1.items()
        if k not in ("version", "request", "credentialValiditySeconds")
    },
    "version": "2",
    "vpcEndpoint": "ice-vpc.cn-shanghai.aliyuncs.com",
    "request": {k: v for k, v in _CLIENT_CONFIG_V1["request"].items() if k != "PostProcessConfig"},
    "postProcessConfigs": {"video": POST_PROCESS_EXAMPLE},
    "refreshableTypes": [],
    "credentialValiditySeconds": 3000,
}

# The contract's key order (docs/client-config.md), written out: the fixtures do not borrow the model's.
_ORDER = (
    "version", "uploadMode", "stack", "app", "region", "endpoint", "vpcEndpoint", "roleArn",
    "roleSessionName",
    "appId", "entityId", "allowedActions", "ownBucket", "request", "postProcessConfigs", "workflowIds",
    "mediaDefaults", "fileRules", "refreshableTypes", "callback", "credentialValiditySeconds",
)  # fmt: skip


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in _ORDER if key in data}


def client_config_data(**changes: Any) -> dict[str, Any]:
    """A fresh valid ClientConfig document (version 2); keyword arguments replace top-level keys."""
    data = copy.deepcopy(_ordered(_CLIENT_CONFIG))
    data.update(changes)
    return data


def client_config_v1_data(**changes: Any) -> dict[str, Any]:
    """The same document in version 1 (still read: upgraded on read)."""
    data = copy.deepcopy(_CLIENT_CONFIG_V1)
    data.update(changes)
    return data


_OWN_BUCKET_CONFIG_V1: dict[str, Any] = {
    "version": "1",
    "uploadMode": "own-bucket",
    "stack": "dev",
    "app": "batch-import",
    "region": "cn-shanghai",
    "endpoint": "ice.cn-shanghai.aliyuncs.com",
    "roleArn": "acs:ram::1234567890123456:role/icekit-dev-batch-import",
    "roleSessionName": "icekit-batch-import",
    "allowedActions": ["ice:GetMediaInfo", "ice:RegisterMediaInfo", "oss:PutObject"],
    "ownBucket": {
        "bucket": "acme-dev-ice-import",
        "prefix": "incoming/",
        "region": "cn-shanghai",
        "endpoint": "oss-cn-shanghai.aliyuncs.com",
    },
    "request": {
        "UserData": '{"MessageCallback":{"CallbackURL":"https://hooks.example.com/ice"}}',
        "WorkflowId": "74ba870f1a4873a3ba238e0bf6fa9c01",
    },
    "mediaDefaults": {"businessType": "general", "tags": ["archive"], "cateId": None},
    "fileRules": [{"type": "video", "extensions": ["mkv", "mov", "mp4"], "maxSizeBytes": 5368709120}],
    "callback": {
        "kind": "http",
        "url": "https://hooks.example.com/ice",
        "authEnabled": True,
        "queueName": None,
    },
}


_OWN_BUCKET_CONFIG: dict[str, Any] = {
    **{k: v for k, v in _OWN_BUCKET_CONFIG_V1.items() if k not in ("version", "request")},
    "version": "2",
    "vpcEndpoint": "ice-vpc.cn-shanghai.aliyuncs.com",
    "request": {"UserData": _OWN_BUCKET_CONFIG_V1["request"]["UserData"]},
    "workflowIds": {"video": _OWN_BUCKET_CONFIG_V1["request"]["WorkflowId"]},
}


def own_bucket_config_data(**changes: Any) -> dict[str, Any]:
    """A fresh valid uploadMode "own-bucket" document (v2); keyword arguments replace top-level keys."""
    data = copy.deepcopy(_ordered(_OWN_BUCKET_CONFIG))
    data.update(changes)
    return data


def own_bucket_config_v1_data(**changes: Any) -> dict[str, Any]:
    """The same own-bucket document in version 1."""
    data = copy.deepcopy(_OWN_BUCKET_CONFIG_V1)
    data.update(changes)
    return data


def stack_outputs_data(auth_keys: Any = "[secret]", **extra: Any) -> dict[str, Any]:
    """What `pulumi stack output --json` prints for a stack with two apps (one without callback)."""
    web = client_config_data(
        app="web-images",
        roleArn="acs:ram::1234567890123456:role/icekit-dev-web-images",
        roleSessionName="icekit-web-images",
        request={"UploadTargetConfig": UPLOAD_TARGET_EXAMPLE},
        postProcessConfigs={},
        fileRules=[{"type": "image", "extensions": ["png"], "maxSizeBytes": 10485760}],
        callback=None,
    )
    outputs: dict[str, Any] = {
        "icekitContract": "1",
        "clientConfigs": {"mobile-video": client_config_data(), "web-images": web},
        "somethingElse": {"ignored": True},
    }
    if auth_keys is not None:
        outputs["callbackAuthKeys"] = auth_keys
    outputs.update(extra)
    return outputs
