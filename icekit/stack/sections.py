"""The sections of a declaration that apps name: storage (`icekit:storage`), callbacks (`icekit:callbacks`)
and workflows (`icekit:workflows`)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    field_validator,
    model_validator,
)

from icekit.facts.callbacks import AUTH_KEY_MAX, MAX_CALLBACK_URL_BYTES, MNS_QUEUE_PREFIX
from icekit.facts.events import DEFAULT_EVENT, EVENT_SOURCE, closest_event, is_known_event
from icekit.facts.ids import WORKFLOW_ID_PATTERN
from icekit.facts.names import BUCKET_NAME_PATTERN, BUCKET_PREFIX_PATTERN
from icekit.models.upload_target_config import storage_location_region
from icekit.models.urls import require_http_url
from icekit.secrets import MASK
from icekit.stack.base import Decl
from icekit.stack.secret import SecretValue, is_pulumi_ciphertext

__all__ = [
    "AuthKey",
    "CallbackDecl",
    "HttpCallback",
    "MnsCallback",
    "OwnBucket",
    "StorageDecl",
    "WorkflowDecl",
    "check_auth_key",
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


class OwnBucket(Decl):
    """A private OSS bucket the app uploads to itself (then registers the object with RegisterMediaInfo)."""

    name: str = Field(pattern=BUCKET_NAME_PATTERN, description="OSS bucket name (3-63, a-z 0-9 -).")
    prefix: str = Field(
        default="",
        pattern=BUCKET_PREFIX_PATTERN,
        description="Object key prefix the app may write under; empty or ending with `/`.",
    )


class StorageDecl(Decl):
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


def _known_event(value: str) -> str:
    """An event name from ICE's catalogue (icekit.facts.events); a near miss names the closest known one."""
    if is_known_event(value):
        return value
    closest = closest_event(value)
    hint = f"; did you mean {closest!r}?" if closest is not None else ""
    raise ValueError(f"{value!r} is not an ICE event{hint} (the catalogue: {EVENT_SOURCE})")


EventType = Annotated[str, AfterValidator(_known_event)]


class HttpCallback(Decl):
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
    events: list[EventType] = Field(default_factory=lambda: [DEFAULT_EVENT], min_length=1)

    @field_validator("url")
    @classmethod
    def _scheme(cls, value: str, info: ValidationInfo) -> str:
        if value.startswith("http://") and not info.data.get("allow_insecure_http", False):
            raise ValueError("plain http:// callback URL: use https:// or set `allowInsecureHttp: true`")
        if len(value.encode("utf-8")) > MAX_CALLBACK_URL_BYTES:
            raise ValueError("callback URL exceeds 256 bytes (ICE's limit)")
        # the one URL rule (host, port, no credentials) the program's UserData and the client files apply
        return require_http_url(value)

    @field_validator("events")
    @classmethod
    def _sorted_events(cls, value: list[str]) -> list[str]:
        return sorted(set(value))


class MnsCallback(Decl):
    """An MNS queue ICE writes events to; ICE requires the name to start with `ice-callback-`."""

    kind: Literal["mns"]
    queue_name: str = Field(
        alias="queueName",
        pattern=rf"^{MNS_QUEUE_PREFIX}[A-Za-z0-9-]{{1,107}}$",
        description="MNS queue name starting with `ice-callback-` (<= 120 characters).",
    )
    events: list[EventType] = Field(default_factory=lambda: [DEFAULT_EVENT], min_length=1)

    @field_validator("events")
    @classmethod
    def _sorted_events(cls, value: list[str]) -> list[str]:
        return sorted(set(value))


CallbackDecl = Annotated[HttpCallback | MnsCallback, Field(discriminator="kind")]


class WorkflowDecl(Decl):
    """An ICE workflow (created in the console/API) that PostProcessConfig references by id."""

    workflow_id: str = Field(
        alias="workflowId", pattern=WORKFLOW_ID_PATTERN, description="32 hex characters."
    )
    description: str | None = Field(default=None, max_length=256)
