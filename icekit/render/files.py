"""Render one app's client configuration files: client-config.json, .env and upload_request.py (jinja2,
icekit.render.templates).

Deterministic: the same ClientConfig (and auth key) gives byte-identical text.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from icekit.clientconfig.model import ClientConfig, OwnBucketClientConfig, VodClientConfig
from icekit.errors import UserInputError
from icekit.facts import limits
from icekit.models.business_types import BUSINESS_TYPES_BY_FILE_TYPE
from icekit.render.dotenv import dotenv_quote
from icekit.render.templates import environment
from icekit.secrets import MASK

__all__ = [
    "CLIENT_CONFIG_FILES",
    "client_config_dir",
    "render_client_config_files",
    "render_dotenv",
    "render_python_snippet",
]

CLIENT_CONFIG_FILES: tuple[str, ...] = ("client-config.json", ".env", "upload_request.py")


def client_config_dir(config: ClientConfig) -> PurePosixPath:
    """Where an app's files go under the output directory: `<stack>/<app>`."""
    return PurePosixPath(config.stack) / config.app


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def _env_entries(config: ClientConfig, auth_key: str | None) -> list[tuple[str, str]]:
    def put(key: str, value: object, source: str = "") -> None:
        if value is None or value == "":
            return
        text = str(value)
        try:
            dotenv_quote(text)
        except ValueError as exc:
            # Name the value in the stack outputs' terms; the auth key lives outside the document.
            path = f"clientConfigs.{config.app}" + (f".{source}" if source else "")
            if key == "ICE_CALLBACK_AUTH_KEY":
                path = f"callbackAuthKeys.{config.app}"
            raise UserInputError(f"cannot be written to .env as {key}: {exc}", key_path=path) from None
        entries.append((key, text))

    entries: list[tuple[str, str]] = []
    put("ICEKIT_CONFIG_VERSION", config.version)
    put("ICEKIT_UPLOAD_MODE", config.uploadMode)
    put("ICEKIT_STACK", config.stack)
    put("ICEKIT_APP", config.app)
    put("ICE_REGION", config.region)
    put("ICE_ENDPOINT", config.endpoint)
    put("ICE_VPC_ENDPOINT", config.vpcEndpoint)
    put("ICE_ROLE_ARN", config.roleArn)
    put("ICE_ROLE_SESSION_NAME", config.roleSessionName)
    if isinstance(config, VodClientConfig):
        put("ICE_CREDENTIAL_VALIDITY_SECONDS", config.credentialValiditySeconds)
    put("ICE_ALLOWED_ACTIONS", ",".join(config.allowedActions))
    if isinstance(config, VodClientConfig):
        put("ICE_APP_ID", config.appId)
        put("ICE_ENTITY_ID", config.entityId)
        put("ICE_UPLOAD_TARGET_CONFIG", config.request.UploadTargetConfig, "request.UploadTargetConfig")
        put("ICE_USER_DATA", config.request.UserData, "request.UserData")
        if config.postProcessConfigs:
            put("ICE_POST_PROCESS_CONFIGS", _compact(config.postProcessConfigs), "postProcessConfigs")
        put("ICE_REFRESHABLE_TYPES", ",".join(config.refreshableTypes) or None)
    elif isinstance(config, OwnBucketClientConfig):
        put("ICE_OWN_BUCKET_NAME", config.ownBucket.bucket)
        put("ICE_OWN_BUCKET_PREFIX", config.ownBucket.prefix)
        put("ICE_OWN_BUCKET_REGION", config.ownBucket.region)
        put("ICE_OWN_BUCKET_ENDPOINT", config.ownBucket.endpoint)
        put("ICE_USER_DATA", config.request.UserData, "request.UserData")
        if config.workflowIds:
            put("ICE_WORKFLOW_IDS", _compact(config.workflowIds), "workflowIds")
    put("ICE_MEDIA_BUSINESS_TYPE", config.mediaDefaults.businessType)
    put("ICE_MEDIA_TAGS", ",".join(config.mediaDefaults.tags) or None, "mediaDefaults.tags")
    put("ICE_MEDIA_CATE_ID", config.mediaDefaults.cateId)
    rules = [rule.model_dump(mode="json") for rule in config.fileRules]
    put("ICE_FILE_RULES", _compact(rules), "fileRules")
    if config.callback is not None:
        put("ICE_CALLBACK_KIND", config.callback.kind)
        put("ICE_CALLBACK_URL", config.callback.url, "callback.url")
        put("ICE_CALLBACK_QUEUE_NAME", config.callback.queueName)
        put("ICE_CALLBACK_AUTH_ENABLED", "true" if config.callback.authEnabled else "false")
        if config.callback.authEnabled and auth_key is not None:
            put("ICE_CALLBACK_AUTH_KEY", auth_key)
    return entries


def render_dotenv(config: ClientConfig, auth_key: str | None = None) -> str:
    needs_key = config.callback is not None and config.callback.authEnabled
    note = None
    if needs_key and auth_key is None:
        note = (
            f"ICE_CALLBACK_AUTH_KEY={MASK} is a secret and was left out; "
            "`icekit render --include-secrets` writes it when the outputs carry it."
        )
    template = environment().get_template("env.j2")
    return template.render(config=config, entries=_env_entries(config, auth_key), secret_note=note)


# One snippet per upload mode: CreateUploadMedia for "vod", OSS upload + RegisterMediaInfo for "own-bucket".
_SNIPPET_TEMPLATES = {"vod": "upload_request.py.j2", "own-bucket": "upload_request_own_bucket.py.j2"}


# The byte limits the snippet checks, from their one home.
_LIMITS = {
    "title": limits.TITLE_MAX_BYTES,
    "description": limits.DESCRIPTION_MAX_BYTES,
    "tags": limits.TAGS_MAX_COUNT,
    "tag": limits.TAG_MAX_BYTES,
    "cover_url": limits.COVER_URL_MAX_BYTES,
    "user_data": limits.USER_DATA_MAX_BYTES,
}


def render_python_snippet(config: ClientConfig) -> str:
    rules = {rule.type: (tuple(rule.extensions), rule.maxSizeBytes) for rule in config.fileRules}
    template = environment().get_template(_SNIPPET_TEMPLATES[config.uploadMode])
    vod = config if isinstance(config, VodClientConfig) else None
    return template.render(
        config=config,
        default_tags=tuple(config.mediaDefaults.tags),
        file_rules=rules,
        business_types=BUSINESS_TYPES_BY_FILE_TYPE,
        post_process_configs=dict(vod.postProcessConfigs) if vod else {},
        refreshable_types=tuple(vod.refreshableTypes) if vod else (),
        workflow_ids=dict(config.workflowIds) if isinstance(config, OwnBucketClientConfig) else {},
        limits=_LIMITS,
    )


def render_client_config_files(config: ClientConfig, auth_key: str | None = None) -> dict[str, str]:
    """file name -> text for one app. The auth key goes only into `.env`, and only when given."""
    document = (
        environment()
        .get_template("client-config.json.j2")
        .render(document_json=config.to_json().rstrip("\n"))
    )
    return {
        "client-config.json": document,
        ".env": render_dotenv(config, auth_key),
        "upload_request.py": render_python_snippet(config),
    }
