"""The stack declaration: everything under the `icekit:` config namespace, plus `alicloud:region`.

Field aliases are the camelCase keys of the stack file. Checks that need only one value live here; checks
between sections (an app naming a storage that is not declared, ...) live in `icekit.stack.references`.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    field_validator,
    model_validator,
)

from icekit.facts.callbacks import AUTH_KEY_MAX, MAX_CALLBACK_URL_BYTES, MNS_QUEUE_PREFIX
from icekit.facts.credentials import MAX_SESSION_SECONDS, MIN_SESSION_SECONDS
from icekit.facts.environments import Environment
from icekit.facts.file_types import FileType
from icekit.facts.ids import ACCOUNT_ID_PATTERN, DEFAULT_APP_ID, WORKFLOW_ID_PATTERN
from icekit.facts.names import BUCKET_NAME_PATTERN, BUCKET_PREFIX_PATTERN, NAME_PATTERN, STACK_NAME_PATTERN
from icekit.facts.regions import Region
from icekit.models.ids import AppId, EntityId
from icekit.models.problems import field_rule_error
from icekit.models.upload_rules import FileRule, MediaDefaults
from icekit.models.upload_target_config import storage_location_region
from icekit.secrets import MASK
from icekit.stack.guardrails import GuardrailSettings, Suppression
from icekit.stack.secret import SecretValue, is_pulumi_ciphertext

__all__ = [
    "AppDecl",
    "AuthKey",
    "CallbackDecl",
    "Conditions",
    "ExtraAction",
    "HttpCallback",
    "MnsCallback",
    "OwnBucket",
    "StackDeclaration",
    "StorageDecl",
    "WorkflowDecl",
    "check_auth_key",
]

ExtraAction = Literal["GetMediaInfo", "RefreshUploadMedia"]

Name = Annotated[
    str, Field(pattern=NAME_PATTERN, description="Lower-case letters, digits, hyphens; 2-32 characters.")
]


def check_auth_key(value: str) -> str:
    """ICE's rule for an event-callback AuthKey: at most 32 characters, upper case, lower case and digits."""
    if len(value) > AUTH_KEY_MAX:
        raise ValueError(f"auth key is {len(value)} characters; ICE accepts at most {AUTH_KEY_MAX}")
    if not (re.search(r"[A-Z]", value) and re.search(r"[a-z]", value) and re.search(r"[0-9]", value)):
        raise ValueError("auth key must contain upper-case letters, lower-case letters and digits")
    return value


def _auth_key(value: Any) -> str | SecretValue:
    # A `secure:` value is checked only when its clear text is known (inside a Pulumi program).
    if isinstance(value, SecretValue):
        if value.plaintext is not None:
            check_auth_key(value.plaintext)
        elif value.ciphertext is not None and not is_pulumi_ciphertext(value.ciphertext):
            # never echo it: it may be the key itself, pasted in clear
            raise ValueError(
                "the `secure:` value is not Pulumi ciphertext; set the key with "
                f"`pulumi config set --path --secret '{value.key_path}' <key>`"
            )
        return value
    if isinstance(value, str):
        # A plain string here was written in clear in the stack file (the CLI hands decrypted secrets over as
        # SecretValue): it would sit in git. Never echo it.
        raise ValueError(
            "the auth key is written in clear text in the stack file; store it as a secret with "
            "`pulumi config set --path --secret 'icekit:callbacks.<name>.authKey' <key>`"
        )
    raise ValueError("auth key must be a `secure:` value")


# Dumps never show an auth key, clear or not: secrets are masked everywhere (icekit.secrets.MASK).
AuthKey = Annotated[
    str | SecretValue, PlainValidator(_auth_key), PlainSerializer(lambda _: MASK, return_type=str)
]


class _Decl(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class OwnBucket(_Decl):
    """A private OSS bucket the app uploads to itself (then registers the object with RegisterMediaInfo)."""

    name: str = Field(pattern=BUCKET_NAME_PATTERN, description="OSS bucket name (3-63, a-z 0-9 -).")
    prefix: str = Field(
        default="",
        pattern=BUCKET_PREFIX_PATTERN,
        description="Object key prefix the app may write under; empty or ending with `/`.",
    )


class StorageDecl(_Decl):
    """Exactly one of a VOD storage location (`outin-...`) or an own bucket."""

    location: str | None = Field(
        default=None,
        pattern=r"^outin-[0-9a-z]{8,64}\.oss-cn-[a-z]+\.aliyuncs\.com$",
        description="VOD storage location, `outin-<id>.oss-<region>.aliyuncs.com`.",
    )
    own_bucket: OwnBucket | None = Field(default=None, alias="ownBucket")

    @model_validator(mode="after")
    def _exactly_one(self) -> StorageDecl:
        if (self.location is None) == (self.own_bucket is None):
            raise ValueError("declare exactly one of `location` (VOD storage) or `ownBucket`")
        return self

    @property
    def location_region(self) -> str | None:
        return None if self.location is None else storage_location_region(self.location)


EventType = Annotated[str, Field(pattern=r"^[A-Z][A-Za-z]{2,63}$")]


class HttpCallback(_Decl):
    """An HTTP(S) endpoint ICE posts events to, signed with the auth key when one is set."""

    kind: Literal["http"]
    # declared before `url` so the URL check can see it
    allow_insecure_http: bool = Field(default=False, alias="allowInsecureHttp")
    url: str = Field(
        max_length=MAX_CALLBACK_URL_BYTES,
        pattern=r"^https?://[^\s,]+$",
        description="One address, <= 256 bytes.",
    )
    auth_key: AuthKey | None = Field(default=None, alias="authKey")
    events: list[EventType] = Field(default_factory=lambda: ["FileUploaded"], min_length=1)

    @field_validator("url")
    @classmethod
    def _scheme(cls, value: str, info: ValidationInfo) -> str:
        if value.startswith("http://") and not info.data.get("allow_insecure_http", False):
            raise ValueError("plain http:// callback URL: use https:// or set `allowInsecureHttp: true`")
        if len(value.encode("utf-8")) > MAX_CALLBACK_URL_BYTES:
            raise ValueError("callback URL exceeds 256 bytes (ICE's limit)")
        return value

    @field_validator("events")
    @classmethod
    def _sorted_events(cls, value: list[str]) -> list[str]:
        return sorted(set(value))


class MnsCallback(_Decl):
    """An MNS queue ICE writes events to; ICE requires the name to start with `ice-callback-`."""

    kind: Literal["mns"]
    queue_name: str = Field(
        alias="queueName",
        pattern=rf"^{MNS_QUEUE_PREFIX}[A-Za-z0-9-]{{1,107}}$",
        description="MNS queue name starting with `ice-callback-` (<= 120 characters).",
    )
    events: list[EventType] = Field(default_factory=lambda: ["FileUploaded"], min_length=1)

    @field_validator("events")
    @classmethod
    def _sorted_events(cls, value: list[str]) -> list[str]:
        return sorted(set(value))


CallbackDecl = Annotated[HttpCallback | MnsCallback, Field(discriminator="kind")]


class WorkflowDecl(_Decl):
    """An ICE workflow (created in the console/API) that PostProcessConfig references by id."""

    workflow_id: str = Field(
        alias="workflowId", pattern=WORKFLOW_ID_PATTERN, description="32 hex characters."
    )
    description: str | None = Field(default=None, max_length=256)


class Conditions(_Decl):
    """RAM conditions added to the app's Allow statements."""

    source_ip: list[str] = Field(default_factory=list, alias="sourceIp")
    secure_transport: bool | None = Field(default=None, alias="secureTransport")

    @field_validator("source_ip")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=True)
            except ValueError as exc:
                raise ValueError(f"{item!r} is not an IP address or CIDR network ({exc})") from None
        return sorted(set(value))


def _typed_file_rules(value: Any) -> Any:
    """`fileTypes: {video: {extensions, maxSizeBytes}}`: the key is the FileRule's `type`."""
    if not isinstance(value, dict):
        return value
    rules: dict[Any, Any] = {}
    for kind, rule in value.items():
        if isinstance(rule, dict):
            if "type" in rule:
                raise field_rule_error(f"{kind}.type", "unknown key")
            rule = {"type": kind, **rule}
        rules[kind] = rule
    return rules


class AppDecl(_Decl):
    """One uploading application: it gets a RAM role, a policy and a client configuration."""

    name: Name
    description: str | None = Field(default=None, max_length=256)
    storage: str
    callback: str | None = None
    workflow: str | None = None
    app_id: AppId = Field(default=DEFAULT_APP_ID, alias="appId")
    entity_id: EntityId | None = Field(default=None, alias="entityId")
    file_types: dict[FileType, FileRule] = Field(alias="fileTypes", min_length=1)
    actions: list[ExtraAction] = Field(default_factory=list)
    trusted_principals: list[str] = Field(alias="trustedPrincipals", min_length=1)
    conditions: Conditions = Field(default_factory=Conditions)
    media_defaults: MediaDefaults = Field(default_factory=MediaDefaults, alias="mediaDefaults")
    max_session_duration: int = Field(
        default=MIN_SESSION_SECONDS,
        alias="maxSessionDuration",
        ge=MIN_SESSION_SECONDS,
        le=MAX_SESSION_SECONDS,
    )

    @field_validator("file_types", mode="before")
    @classmethod
    def _file_rules_typed(cls, value: Any) -> Any:
        return _typed_file_rules(value)

    @field_validator("file_types")
    @classmethod
    def _file_sizes_declared(cls, value: dict[str, FileRule]) -> dict[str, FileRule]:
        # a client configuration may leave a size open; a declaration says it
        for kind, rule in value.items():
            if rule.maxSizeBytes is None:
                raise field_rule_error(f"{kind}.maxSizeBytes", "required key is missing")
        return value

    @field_validator("actions")
    @classmethod
    def _unique_actions(cls, value: list[str]) -> list[str]:
        return sorted(set(value))

    @field_validator("trusted_principals")
    @classmethod
    def _principals(cls, value: list[str]) -> list[str]:
        pattern = re.compile(
            r"^(acs:ram::[0-9]{12,20}:(root|role/[A-Za-z0-9.-]{1,64}|user/[A-Za-z0-9.@_-]{1,64})|[0-9]{12,20})$"
        )
        for item in value:
            if not pattern.match(item):
                raise ValueError(
                    f"{item!r} is not a RAM principal "
                    "(an account id or acs:ram::<account>:root|role/<name>|user/<name>)"
                )
        return sorted(set(value))

    @property
    def uploads_audio_or_video(self) -> bool:
        return "video" in self.file_types or "audio" in self.file_types


class StackDeclaration(_Decl):
    """The whole `icekit:` declaration of one stack, validated before any resource is made."""

    stack: str = Field(pattern=STACK_NAME_PATTERN, description="Stack name, from `Pulumi.<stack>.yaml`.")
    region: Region
    environment: Environment
    account_id: str | None = Field(default=None, alias="accountId", pattern=ACCOUNT_ID_PATTERN)
    storage: dict[Name, StorageDecl] = Field(min_length=1)
    callbacks: dict[Name, CallbackDecl] = Field(default_factory=dict)
    event_callback: str | None = Field(default=None, alias="eventCallback")
    workflows: dict[Name, WorkflowDecl] = Field(default_factory=dict)
    apps: list[AppDecl] = Field(min_length=1)
    guardrails: GuardrailSettings = Field(default_factory=GuardrailSettings)
    suppressions: list[Suppression] = Field(default_factory=list)

    def app(self, name: str) -> AppDecl:
        for app in self.apps:
            if app.name == name:
                return app
        raise KeyError(name)

    def app_index(self, name: str) -> int:
        return [app.name for app in self.apps].index(name)
