"""The parts of a ClientConfig document: the static request of each upload mode, the own-bucket target and the
callback. `icekit.clientconfig.model` assembles them with the file rules and media defaults the declaration
shares (icekit.models.upload_rules); docs/client-config.md."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BaseModel, Field, field_validator, model_validator

from icekit.facts.callbacks import MAX_CALLBACK_URL_BYTES, MNS_QUEUE_PREFIX
from icekit.facts.names import BUCKET_NAME_PATTERN, BUCKET_PREFIX_PATTERN
from icekit.facts.regions import Region, oss_endpoint
from icekit.models.base import WireModel
from icekit.models.problems import InvalidDocumentError, field_rule_error
from icekit.models.upload_rules import STRICT
from icekit.models.upload_target_config import UploadTargetConfig
from icekit.models.urls import require_http_url
from icekit.models.user_data import UserData

__all__ = [
    "CallbackInfo",
    "OwnBucketRequest",
    "OwnBucketTarget",
    "StaticRequest",
]


def _canonical_wire(model: type[WireModel], value: str) -> str:
    """A wire string that `model` accepts, re-encoded canonically; errors keep the inner field path."""
    try:
        return model.from_wire(value).to_wire()
    except InvalidDocumentError as exc:
        first = exc.problems[0]
        inner = first.path.removeprefix(model.WIRE_NAME).lstrip(".")
        raise field_rule_error(inner, first.rule) from None


class StaticRequest(BaseModel):
    """uploadMode "vod": the wire strings of the static CreateUploadMedia parameters, ready to send (the
    per-type PostProcessConfig is the document's `postProcessConfigs`)."""

    model_config = STRICT

    UploadTargetConfig: str | None = None
    UserData: str | None = None

    @field_validator("UploadTargetConfig")
    @classmethod
    def _target(cls, value: str | None) -> str | None:
        return None if value is None else _canonical_wire(UploadTargetConfig, value)

    @field_validator("UserData")
    @classmethod
    def _user_data(cls, value: str | None) -> str | None:
        return None if value is None else _canonical_wire(UserData, value)


class OwnBucketRequest(BaseModel):
    """uploadMode "own-bucket": the static RegisterMediaInfo parameters, ready to send.

    RegisterMediaInfoRequest (alibabacloud-ice20201109 6.20, models/_register_media_info_request.py) takes
    InputURL, Title, Description, CoverURL, MediaType, BusinessType, MediaTags, CateId, Overwrite,
    ReferenceId, ClientToken (all per object or per upload), RegisterConfig, SmartTagTemplateId (not declared
    in a stack), UserData and WorkflowId. Only the last two are static for an app: `UserData` (JSON, the
    callback URL, same form as CreateUploadMedia's) and `WorkflowId` (the workflow to run on registration).
    It has no AppId or EntityId. WorkflowId is per file type (the document's `workflowIds`).
    """

    model_config = STRICT

    UserData: str | None = None

    @field_validator("UserData")
    @classmethod
    def _user_data(cls, value: str | None) -> str | None:
        return None if value is None else _canonical_wire(UserData, value)


class OwnBucketTarget(BaseModel):
    """Where an own-bucket client writes with the OSS SDK before it calls RegisterMediaInfo."""

    model_config = STRICT

    bucket: Annotated[str, Field(pattern=BUCKET_NAME_PATTERN)]
    prefix: Annotated[str, Field(pattern=BUCKET_PREFIX_PATTERN)] = ""
    region: Region
    endpoint: str

    @model_validator(mode="after")
    def _endpoint(self) -> Self:
        expected = oss_endpoint(self.region)
        if self.endpoint != expected:
            raise field_rule_error(
                "endpoint", f"{self.endpoint!r} is not the OSS endpoint of {self.region} ({expected})"
            )
        return self


class CallbackInfo(BaseModel):
    model_config = STRICT

    kind: Literal["http", "mns"]
    url: str | None = None
    authEnabled: bool = False
    queueName: str | None = None

    @model_validator(mode="after")
    def _kind_fields(self) -> Self:
        if self.kind == "http":
            if self.url is None:
                raise field_rule_error("url", "is required for an http callback")
            try:
                require_http_url(self.url, max_utf8_bytes=MAX_CALLBACK_URL_BYTES)
            except ValueError as exc:
                raise field_rule_error("url", str(exc)) from None
            if self.queueName is not None:
                raise field_rule_error("queueName", "must be null for an http callback")
        else:
            if not self.queueName or not self.queueName.startswith(MNS_QUEUE_PREFIX):
                raise field_rule_error(
                    "queueName", f"an mns callback needs a queue whose name starts with {MNS_QUEUE_PREFIX}"
                )
            if self.url is not None:
                raise field_rule_error("url", "must be null for an mns callback")
            if self.authEnabled:
                raise field_rule_error(
                    "authEnabled", "callback authentication exists only for http callbacks"
                )
        return self
