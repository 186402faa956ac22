"""ClientConfig v2: what an upload server needs to upload for one app (docs/client-config.md).

Two upload modes, told apart by the discriminator `uploadMode`:
- "vod": CreateUploadMedia into a VOD storage location; `request` holds its static parameters' wire strings,
  `postProcessConfigs` the PostProcessConfig wire string per file type (video, audio) that gets one.
- "own-bucket": CreateUploadMedia cannot target an own OSS bucket (ice-upload-facts.md), so the client writes
  the object with the OSS SDK to `ownBucket` and then calls RegisterMediaInfo; `request` holds that call's
  static parameters, `workflowIds` the WorkflowId per file type.
A version "1" document is upgraded on read (icekit.clientconfig.upgrade).

Longer than 300 lines on purpose: the shared base and both modes are one document and one discriminated union;
split across modules, each mode would have to reach back into the base's private validators.

camelCase keys, no unknown keys, every key of the mode present in the document (null where empty) except
inside `request`, which omits empty keys. `ClientConfig.from_data` validates a document and returns the
mode's model (`VodClientConfig` or `OwnBucketClientConfig`, both subclasses of `ClientConfig`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, Self, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from icekit.clientconfig.parts import (
    CallbackInfo,
    OwnBucketRequest,
    OwnBucketTarget,
    StaticRequest,
)
from icekit.clientconfig.upgrade import REFRESH_ACTION, upgrade_v1
from icekit.facts.credentials import CREDENTIAL_VALIDITY_SECONDS, MAX_SESSION_SECONDS
from icekit.facts.ids import WORKFLOW_ID_PATTERN
from icekit.facts.regions import Region, ice_endpoint, ice_vpc_endpoint
from icekit.facts.versions import CLIENT_CONFIG_READABLE, CLIENT_CONFIG_VERSION, schema_id
from icekit.models.base import decode_json_object
from icekit.models.ids import AppId, EntityId
from icekit.models.post_process_config import PostProcessConfig
from icekit.models.problems import InvalidDocumentError, Problem, field_rule_error, problems_from
from icekit.models.upload_rules import FileRule, MediaDefaults
from icekit.models.upload_target_config import UploadTargetConfig

__all__ = [
    "UPLOAD_MODES",
    "CallbackInfo",
    "ClientConfig",
    "OwnBucketClientConfig",
    "OwnBucketRequest",
    "OwnBucketTarget",
    "StaticRequest",
    "UploadMode",
    "VodClientConfig",
    "client_config_json_schema",
]

UploadMode = Literal["vod", "own-bucket"]
UPLOAD_MODES: tuple[str, ...] = get_args(UploadMode)

_NAME = r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
_ICE_ACTION = r"^ice:[A-Za-z]+$"
_ICE_OR_OSS_ACTION = r"^(ice|oss):[A-Za-z]+$"
# The document's key order (contract order); each mode has a subset of these keys.
_KEY_ORDER = (
    "version",
    "uploadMode",
    "stack",
    "app",
    "region",
    "endpoint",
    "vpcEndpoint",
    "roleArn",
    "roleSessionName",
    "appId",
    "entityId",
    "allowedActions",
    "ownBucket",
    "request",
    "postProcessConfigs",
    "workflowIds",
    "mediaDefaults",
    "fileRules",
    "refreshableTypes",
    "callback",
    "credentialValiditySeconds",
)


# The file types a workflow runs on (PostProcessConfig / WorkflowId), the only ones RefreshUploadMedia renews.
MediaType = Literal["video", "audio"]


def _media_types_allowed(config: ClientConfig, key_path: str, types: Iterable[str]) -> None:
    # A workflow, or a refresh, concerns a type only when the app uploads it.
    allowed = {rule.type for rule in config.fileRules}
    for kind in types:
        if config.fileRules and kind not in allowed:
            raise field_rule_error(f"{key_path}.{kind}", f"no fileRule allows {kind} files")


def _post_process_wire(value: str) -> str:
    try:
        return PostProcessConfig.from_wire(value).to_wire()
    except InvalidDocumentError as exc:
        first = exc.problems[0]
        raise ValueError(f"{first.path}: {first.rule}") from None


PostProcessWire = Annotated[str, AfterValidator(_post_process_wire)]


class ClientConfig(BaseModel):
    """The fields both upload modes share. Validate documents with `ClientConfig.from_data`, which returns
    a `VodClientConfig` or an `OwnBucketClientConfig`."""

    # defer_build: the shared base validates no document itself; each mode's model is built on import
    # (defer_build=False below), which the union of the two reuses.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)

    SCHEMA_ID: ClassVar[str] = schema_id("client-config", CLIENT_CONFIG_VERSION)

    version: Literal["2"] = CLIENT_CONFIG_VERSION
    uploadMode: UploadMode
    stack: Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9._-]+$")]
    app: Annotated[str, Field(pattern=_NAME)]
    region: Region
    endpoint: str
    vpcEndpoint: str
    roleArn: Annotated[str, Field(pattern=r"^acs:ram::[0-9]+:role/[A-Za-z0-9._-]+$")]
    roleSessionName: Annotated[str, Field(pattern=r"^[A-Za-z0-9._@-]{2,64}$")]
    allowedActions: Annotated[list[Annotated[str, Field(pattern=_ICE_OR_OSS_ACTION)]], Field(min_length=1)]
    mediaDefaults: MediaDefaults = Field(default_factory=MediaDefaults)
    fileRules: list[FileRule] = Field(default_factory=list)
    callback: CallbackInfo | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_mode(cls, data: Any) -> Any:
        if cls is ClientConfig:
            raise TypeError("ClientConfig is the shared base: use ClientConfig.from_data or a mode's model")
        return data

    @field_validator("fileRules")
    @classmethod
    def _rules_by_type(cls, value: list[FileRule]) -> list[FileRule]:
        types = [rule.type for rule in value]
        if len(set(types)) != len(types):
            raise ValueError("names a file type more than once")
        return sorted(value, key=lambda rule: rule.type)

    @model_validator(mode="after")
    def _endpoint_of_region(self) -> Self:
        expected = ice_endpoint(self.region)
        if self.endpoint != expected:
            raise field_rule_error(
                "endpoint", f"{self.endpoint!r} is not the endpoint of {self.region} ({expected})"
            )
        vpc = ice_vpc_endpoint(self.region)
        if self.vpcEndpoint != vpc:
            raise field_rule_error(
                "vpcEndpoint", f"{self.vpcEndpoint!r} is not the VPC endpoint of {self.region} ({vpc})"
            )
        return self

    # --- document form -------------------------------------------------------------------------------------

    @classmethod
    def from_data(cls, data: Any) -> ClientConfig:
        """Validate a decoded document of either mode (or of `cls`'s mode, on a subclass); rule breaks raise
        InvalidDocumentError naming the key path."""
        # The Python defaults of `version`/`uploadMode` are a convenience for code; a document must say both.
        if isinstance(data, dict):
            if "version" not in data:
                raise InvalidDocumentError(
                    [Problem("version", f"is required (this is version {CLIENT_CONFIG_VERSION!r})")]
                )
            if data["version"] not in CLIENT_CONFIG_READABLE:
                readable = " or ".join(repr(v) for v in CLIENT_CONFIG_READABLE)
                rule = f"{data['version']!r} is not allowed (allowed: {readable}; '1' is upgraded on read)"
                raise InvalidDocumentError([Problem("version", rule)])
            data = upgrade_v1(data)
            mode = data.get("uploadMode")
            if mode not in UPLOAD_MODES:
                rule = "is required" if mode is None else f"{mode!r} is not an upload mode"
                allowed = ", ".join(repr(m) for m in UPLOAD_MODES)
                raise InvalidDocumentError([Problem("uploadMode", f"{rule} (allowed: {allowed})")])
        try:
            if cls is ClientConfig:
                return _document_adapter().validate_python(data)
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidDocumentError([_untagged(p) for p in problems_from(exc)]) from None

    @classmethod
    def from_json(cls, text: str) -> ClientConfig:
        return cls.from_data(decode_json_object(text, ""))

    def to_data(self) -> dict[str, Any]:
        """The document: every key of the mode present (null where empty), `request` without empty keys."""
        data = self.model_dump(mode="json")
        data["request"] = {key: value for key, value in data["request"].items() if value is not None}
        return {key: data[key] for key in _KEY_ORDER if key in data}

    def to_json(self) -> str:
        """The canonical file form: 2-space indent, keys in contract order, trailing newline."""
        return json.dumps(self.to_data(), indent=2, ensure_ascii=False) + "\n"


class VodClientConfig(ClientConfig):
    """uploadMode "vod": CreateUploadMedia into a VOD storage location."""

    model_config = ConfigDict(title="icekit client configuration v2, uploadMode vod", defer_build=False)

    uploadMode: Literal["vod"] = "vod"
    appId: AppId = "app-1000000"
    entityId: EntityId | None = None
    allowedActions: Annotated[list[Annotated[str, Field(pattern=_ICE_ACTION)]], Field(min_length=1)]
    request: StaticRequest = Field(default_factory=StaticRequest)
    postProcessConfigs: dict[MediaType, PostProcessWire] = Field(
        default_factory=dict,
        description="File type -> the PostProcessConfig wire string to send with uploads of that type.",
    )
    refreshableTypes: list[MediaType] = Field(
        default_factory=list,
        description="File types whose upload credential RefreshUploadMedia renews; others need a new "
        "CreateUploadMedia.",
    )
    credentialValiditySeconds: Annotated[int, Field(gt=0, le=MAX_SESSION_SECONDS)] = (
        CREDENTIAL_VALIDITY_SECONDS
    )

    @field_validator("refreshableTypes")
    @classmethod
    def _sorted_types(cls, value: list[str]) -> list[str]:
        return sorted(set(value))

    @field_validator("allowedActions")
    @classmethod
    def _actions(cls, value: list[str]) -> list[str]:
        if "ice:CreateUploadMedia" not in value:
            raise ValueError("must include ice:CreateUploadMedia")
        return sorted(set(value))

    @model_validator(mode="after")
    def _request_fits(self) -> Self:
        if self.request.UploadTargetConfig is not None:
            target = UploadTargetConfig.from_wire(self.request.UploadTargetConfig)
            if target.region != self.region:
                raise field_rule_error(
                    "request.UploadTargetConfig",
                    f"its StorageLocation is in {target.region}, not in the config's region {self.region}",
                )
        _media_types_allowed(self, "postProcessConfigs", self.postProcessConfigs)
        _media_types_allowed(self, "refreshableTypes", self.refreshableTypes)
        if self.refreshableTypes and REFRESH_ACTION not in self.allowedActions:
            raise field_rule_error("refreshableTypes", f"needs {REFRESH_ACTION} in allowedActions")
        return self


class OwnBucketClientConfig(ClientConfig):
    """uploadMode "own-bucket": the OSS SDK writes to `ownBucket`, then RegisterMediaInfo registers it."""

    model_config = ConfigDict(
        title="icekit client configuration v2, uploadMode own-bucket", defer_build=False
    )

    REQUIRED_ACTIONS: ClassVar[tuple[str, ...]] = ("ice:RegisterMediaInfo", "oss:PutObject")

    uploadMode: Literal["own-bucket"] = "own-bucket"
    ownBucket: OwnBucketTarget
    request: OwnBucketRequest = Field(default_factory=OwnBucketRequest)
    workflowIds: dict[MediaType, Annotated[str, Field(pattern=WORKFLOW_ID_PATTERN)]] = Field(
        default_factory=dict, description="File type -> the RegisterMediaInfo WorkflowId for that type."
    )

    @field_validator("allowedActions")
    @classmethod
    def _actions(cls, value: list[str]) -> list[str]:
        missing = [action for action in cls.REQUIRED_ACTIONS if action not in value]
        if missing:
            raise ValueError(f"must include {' and '.join(missing)} (own-bucket uploads)")
        if "ice:CreateUploadMedia" in value:
            raise ValueError("must not include ice:CreateUploadMedia: it cannot write to an own bucket")
        return sorted(set(value))

    @model_validator(mode="after")
    def _bucket_fits(self) -> Self:
        # RegisterMediaInfo reads `oss://bucket/key` "assuming the OSS region is the service's region"
        # (RegisterMediaInfoRequest.input_url in the SDK); icekit creates the bucket in the stack's region.
        if self.ownBucket.region != self.region:
            raise field_rule_error(
                "ownBucket.region", f"{self.ownBucket.region} is not the config's region {self.region}"
            )
        _media_types_allowed(self, "workflowIds", self.workflowIds)
        return self


_Document = Annotated[VodClientConfig | OwnBucketClientConfig, Field(discriminator="uploadMode")]


@cache
def _document_adapter() -> TypeAdapter[VodClientConfig | OwnBucketClientConfig]:
    return TypeAdapter(_Document)


def _untagged(problem: Problem) -> Problem:
    """pydantic puts the union tag first in an error location (`vod.allowedActions`); documents have none."""
    for mode in UPLOAD_MODES:
        if problem.path == mode:
            return Problem("", problem.rule)
        if problem.path.startswith(f"{mode}.") or problem.path.startswith(f"{mode}["):
            path = problem.path.removeprefix(mode).lstrip(".")
            rule = problem.rule
            if "." not in path and rule.startswith("is not a key this object takes"):
                rule = f"is not a key this object takes (uploadMode {mode!r}; unknown keys are rejected)"
            return Problem(path, rule)
    return problem


def client_config_json_schema() -> dict[str, Any]:
    """The JSON Schema of a document: `oneOf` the two modes' closed objects, told apart by `uploadMode`."""
    return _document_adapter().json_schema(mode="validation")
