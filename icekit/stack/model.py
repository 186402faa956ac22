"""The stack declaration: everything under the `icekit:` config namespace, plus `alicloud:region`.

Field aliases are the camelCase keys of the stack file. Checks that need only one value live in the models;
checks between sections (an app naming a storage that is not declared, ...) live in `icekit.stack.references`.
`GuardrailDeclaration` is the part the guardrails read (CrossGuard builds only it); `StackDeclaration`, the
whole namespace, extends it.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from icekit.facts.credentials import MAX_SESSION_SECONDS, MIN_SESSION_SECONDS
from icekit.facts.environments import ENVIRONMENT_PATTERN, Environment
from icekit.facts.file_types import FileType
from icekit.facts.ids import ACCOUNT_ID_PATTERN, DEFAULT_APP_ID
from icekit.facts.names import STACK_NAME_PATTERN
from icekit.facts.regions import Region
from icekit.models.ids import AppId, EntityId
from icekit.models.problems import field_rule_error
from icekit.models.upload_rules import FileRule, MediaDefaults
from icekit.stack.base import Decl, Name
from icekit.stack.guardrails import GuardrailSettings, Suppression, environment_from_stack_name
from icekit.stack.sections import CallbackDecl, StorageDecl, WorkflowDecl

__all__ = ["AppDecl", "Conditions", "ExtraAction", "GuardrailDeclaration", "StackDeclaration"]

ExtraAction = Literal["GetMediaInfo", "RefreshUploadMedia"]
# The file types a workflow (PostProcessConfig) runs on (icekit.models.post_process_config).
WorkflowFileType = Literal["video", "audio"]


class Conditions(Decl):
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


class AppDecl(Decl):
    """One uploading application: it gets a RAM role, a policy and a client configuration."""

    name: Name
    description: str | None = Field(default=None, max_length=256)
    storage: str
    callback: str | None = None
    # `workflow`: one workflow for the app's audio and video (the key of earlier versions, still valid);
    # `workflows`: per file type (video, audio), a type left out gets none. Not both (checked below).
    workflow: str | None = None
    workflows: dict[WorkflowFileType, str] = Field(default_factory=dict)
    # Least-privilege consumer rights for the app's role on its own MNS callback queue (docs/ice-facts.md, 8).
    consume_queue: bool = Field(default=False, alias="consumeQueue")
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

    @model_validator(mode="after")
    def _one_workflow_key(self) -> AppDecl:
        if self.workflow is not None and self.workflows:
            raise field_rule_error(
                "workflows", "declare `workflow` (audio and video) or `workflows` (per file type), not both"
            )
        return self

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

    @property
    def workflow_by_type(self) -> dict[str, str]:
        """File type -> workflow name, for the types that get one: `workflows` as declared, or the single
        `workflow` for each of the app's audio and video types."""
        if self.workflows:
            return dict(sorted(self.workflows.items()))
        if self.workflow is None:
            return {}
        return {kind: self.workflow for kind in ("audio", "video") if kind in self.file_types}


class GuardrailDeclaration(Decl):
    """What the guardrails read besides the resources: the stack's region, environment and account, its
    `icekit:guardrails` and `icekit:suppressions`.

    Lenient where the whole declaration is strict, because the guardrails report what is wrong there: the
    region is any string (ICE501 names an unsupported one), the environment may be left to the stack's name.
    """

    stack: str
    region: str | None = None
    environment: Environment | None = Field(default=None, pattern=ENVIRONMENT_PATTERN)
    account_id: str | None = Field(default=None, alias="accountId", pattern=ACCOUNT_ID_PATTERN)
    guardrails: GuardrailSettings = Field(default_factory=GuardrailSettings)
    suppressions: list[Suppression] = Field(default_factory=list)

    @property
    def effective_environment(self) -> Environment:
        """The declared environment, else the one the stack's name tells (icekit.stack.guardrails)."""
        return self.environment or environment_from_stack_name(self.stack)


class StackDeclaration(GuardrailDeclaration):
    """The whole `icekit:` declaration of one stack, validated before any resource is made."""

    stack: str = Field(pattern=STACK_NAME_PATTERN, description="Stack name, from `Pulumi.<stack>.yaml`.")
    region: Region
    environment: Environment = Field(
        pattern=ENVIRONMENT_PATTERN,
        description="The team's own name (qa, eu-prod, ...); the guardrail tier is icekit:guardrails.tier.",
    )
    storage: dict[Name, StorageDecl] = Field(min_length=1)
    callbacks: dict[Name, CallbackDecl] = Field(default_factory=dict)
    event_callback: str | None = Field(default=None, alias="eventCallback")
    workflows: dict[Name, WorkflowDecl] = Field(default_factory=dict)
    apps: list[AppDecl] = Field(min_length=1)

    def app(self, name: str) -> AppDecl:
        for app in self.apps:
            if app.name == name:
                return app
        raise KeyError(name)

    def app_index(self, name: str) -> int:
        return [app.name for app in self.apps].index(name)
