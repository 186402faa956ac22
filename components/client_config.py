"""The ClientConfig document (contract version "1") of one app, either upload mode, from the spec and its role
ARN."""

from __future__ import annotations

from typing import Any

from icekit.clientconfig.model import ClientConfig, OwnBucketClientConfig
from icekit.facts.credentials import CREDENTIAL_VALIDITY_SECONDS
from icekit.facts.regions import ice_endpoint, oss_endpoint
from icekit.facts.versions import CLIENT_CONFIG_VERSION
from icekit.models.upload_target_config import UploadTargetConfig
from icekit.models.user_data import MessageCallbackSettings, UserData
from icekit.stack.model import AppDecl, StackDeclaration
from icekit.stack.naming import role_session_name
from icekit.stack.sections import HttpCallback

__all__ = ["callback_info", "client_config_document"]


def callback_info(spec: StackDeclaration, app: AppDecl) -> dict[str, Any] | None:
    if app.callback is None:
        return None
    decl = spec.callbacks[app.callback]
    if isinstance(decl, HttpCallback):
        return {"kind": "http", "url": decl.url, "authEnabled": decl.auth_key is not None, "queueName": None}
    return {"kind": "mns", "url": None, "authEnabled": False, "queueName": decl.queue_name}


def _user_data(spec: StackDeclaration, app: AppDecl) -> str | None:
    callback = spec.callbacks.get(app.callback) if app.callback else None
    if isinstance(callback, HttpCallback):
        return UserData(MessageCallback=MessageCallbackSettings(CallbackURL=callback.url)).to_wire()
    return None


def _vod_request(spec: StackDeclaration, app: AppDecl, post_process_config: str | None) -> dict[str, str]:
    """CreateUploadMedia's static parameters (wire strings); empty ones left out."""
    request: dict[str, str] = {}
    location = spec.storage[app.storage].location
    if location is not None:
        request["UploadTargetConfig"] = UploadTargetConfig(
            StorageType="oss", StorageLocation=location
        ).to_wire()
    user_data = _user_data(spec, app)
    if user_data is not None:
        request["UserData"] = user_data
    if post_process_config is not None:
        request["PostProcessConfig"] = post_process_config
    return request


def _own_bucket_request(spec: StackDeclaration, app: AppDecl) -> dict[str, str]:
    """RegisterMediaInfo's static parameters: UserData (callback URL) and WorkflowId; empty ones left out."""
    request: dict[str, str] = {}
    user_data = _user_data(spec, app)
    if user_data is not None:
        request["UserData"] = user_data
    if app.workflow:
        request["WorkflowId"] = spec.workflows[app.workflow].workflow_id
    return request


def _file_rules(app: AppDecl) -> list[dict[str, Any]]:
    return [rule.model_dump(mode="json") for _kind, rule in sorted(app.file_types.items())]


def client_config_document(
    spec: StackDeclaration,
    app: AppDecl,
    *,
    role_arn: str,
    allowed_actions: list[str],
    post_process_config: str | None,
) -> dict[str, Any]:
    """The app's validated ClientConfig document, uploadMode "vod" (VOD storage) or "own-bucket".

    `allowed_actions` are the upload policy's ICE actions; an own-bucket app adds what its bucket policy
    grants (oss:PutObject, ice:RegisterMediaInfo). Raises icekit's InvalidDocumentError on a contract break.
    """
    common: dict[str, Any] = {
        "version": CLIENT_CONFIG_VERSION,
        "stack": spec.stack,
        "app": app.name,
        "region": spec.region,
        "endpoint": ice_endpoint(spec.region),
        "roleArn": role_arn,
        "roleSessionName": role_session_name(app.name),
        "mediaDefaults": app.media_defaults.model_dump(mode="json"),
        "fileRules": _file_rules(app),
        "callback": callback_info(spec, app),
    }
    bucket = spec.storage[app.storage].own_bucket
    if bucket is None:
        data = {
            **common,
            "uploadMode": "vod",
            "appId": app.app_id,
            "entityId": app.entity_id,
            "allowedActions": allowed_actions,
            "request": _vod_request(spec, app, post_process_config),
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
                "region": spec.region,
                "endpoint": oss_endpoint(spec.region),
            },
            "request": _own_bucket_request(spec, app),
        }
    return ClientConfig.from_data(data).to_data()
