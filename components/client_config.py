"""The ClientConfig document (version "2") of one app, either upload mode, from the app's resolved
declarations (UploadProfileArgs) and its role ARN."""

from __future__ import annotations

from typing import Any

from icekit.clientconfig.model import ClientConfig, OwnBucketClientConfig
from icekit.facts.credentials import CREDENTIAL_VALIDITY_SECONDS
from icekit.facts.regions import ice_endpoint, ice_vpc_endpoint, oss_endpoint
from icekit.facts.versions import CLIENT_CONFIG_VERSION
from icekit.models.post_process_config import POST_PROCESS_FILE_TYPES
from icekit.models.upload_target_config import UploadTargetConfig
from icekit.models.user_data import MessageCallbackSettings, UserData
from icekit.stack.model import AppDecl
from icekit.stack.naming import role_session_name
from icekit.stack.sections import CallbackDecl, HttpCallback

from .args import UploadProfileArgs

__all__ = ["callback_info", "client_config_document"]


def callback_info(callback: CallbackDecl | None) -> dict[str, Any] | None:
    if callback is None:
        return None
    if isinstance(callback, HttpCallback):
        return {
            "kind": "http",
            "url": callback.url,
            "authEnabled": callback.auth_key is not None,
            "queueName": None,
        }
    return {"kind": "mns", "url": None, "authEnabled": False, "queueName": callback.queue_name}


def _user_data(callback: CallbackDecl | None) -> str | None:
    if isinstance(callback, HttpCallback):
        return UserData(MessageCallback=MessageCallbackSettings(CallbackURL=callback.url)).to_wire()
    return None


def _vod_request(args: UploadProfileArgs) -> dict[str, str]:
    """CreateUploadMedia's static parameters (wire strings); empty ones left out."""
    request: dict[str, str] = {}
    location = args.storage.location
    if location is not None:
        request["UploadTargetConfig"] = UploadTargetConfig(
            StorageType="oss", StorageLocation=location
        ).to_wire()
    user_data = _user_data(args.callback)
    if user_data is not None:
        request["UserData"] = user_data
    return request


def _own_bucket_request(args: UploadProfileArgs) -> dict[str, str]:
    """RegisterMediaInfo's static parameters: UserData (callback URL); empty ones left out."""
    request: dict[str, str] = {}
    user_data = _user_data(args.callback)
    if user_data is not None:
        request["UserData"] = user_data
    return request


def _refreshable_types(app: AppDecl) -> list[str]:
    """RefreshUploadMedia renews audio and video credentials only (docs/ice-facts.md, section 5)."""
    if "RefreshUploadMedia" not in app.actions:
        return []
    return sorted(kind for kind in POST_PROCESS_FILE_TYPES if kind in app.file_types)


def _file_rules(app: AppDecl) -> list[dict[str, Any]]:
    return [rule.model_dump(mode="json") for _kind, rule in sorted(app.file_types.items())]


def client_config_document(
    args: UploadProfileArgs,
    *,
    role_arn: str,
    allowed_actions: list[str],
    post_process_configs: dict[str, str],
) -> dict[str, Any]:
    """The app's validated ClientConfig document, uploadMode "vod" (VOD storage) or "own-bucket".

    `allowed_actions` are the upload policy's ICE actions; an own-bucket app adds what its bucket policy
    grants (oss:PutObject, ice:RegisterMediaInfo). Raises icekit's InvalidDocumentError on a contract break.
    """
    app = args.app
    common: dict[str, Any] = {
        "version": CLIENT_CONFIG_VERSION,
        "stack": args.stack,
        "app": app.name,
        "region": args.region,
        "endpoint": ice_endpoint(args.region),
        "vpcEndpoint": ice_vpc_endpoint(args.region),
        "roleArn": role_arn,
        "roleSessionName": role_session_name(app.name),
        "mediaDefaults": app.media_defaults.model_dump(mode="json"),
        "fileRules": _file_rules(app),
        "callback": callback_info(args.callback),
    }
    bucket = args.storage.own_bucket
    if bucket is None:
        data = {
            **common,
            "uploadMode": "vod",
            "appId": app.app_id,
            "entityId": app.entity_id,
            "allowedActions": allowed_actions,
            "request": _vod_request(args),
            "postProcessConfigs": post_process_configs,
            "refreshableTypes": _refreshable_types(app),
            "credentialValiditySeconds": CREDENTIAL_VALIDITY_SECONDS,
        }
    else:
        data = {
            **common,
            "uploadMode": "own-bucket",
            "allowedActions": sorted({*allowed_actions, *OwnBucketClientConfig.REQUIRED_ACTIONS}),
            "ownBucket": {
                "bucket": bucket.name,
                "prefix": bucket.prefix,
                "region": args.region,
                "endpoint": oss_endpoint(args.region),
            },
            "request": _own_bucket_request(args),
            "workflowIds": {kind: decl.workflow_id for kind, decl in sorted(args.workflows.items())},
        }
    return ClientConfig.from_data(data).to_data()
