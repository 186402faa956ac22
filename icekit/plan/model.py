"""The result of an offline plan (docs/contracts.md, "Plan result"): what `check` and `review` consume.

Field names are the contract's JSON keys, so `model_dump(mode="json")` is the document
`icekit plan --format json` prints (minus findings and files).
Resources also answer `get`/`[]` like the mappings rules read.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["PlanResult", "PlannedResource"]


class PlannedResource(BaseModel):
    """One registration, in the order the program made it. Secrets in `inputs` are "[secret]"."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    urn: str
    type: str
    name: str
    parent: str | None = Field(
        description="URN of the parent resource; null for children of the stack itself."
    )
    custom: bool
    inputs: dict[str, Any]
    declarationPath: str | None = Field(
        description="Key path in the stack file: the resource's own, or its nearest ancestor's."
    )

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default) if key in PlannedResource.model_fields else default

    def __getitem__(self, key: str) -> Any:
        if key not in PlannedResource.model_fields:
            raise KeyError(key)
        return getattr(self, key)


class PlanResult(BaseModel):
    """Everything one offline run of the stack's Pulumi program produced."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stack: str
    project: str
    stackFile: str = Field(description="The stack file, relative to the project directory when inside it.")
    region: str
    accountId: str = Field(description="From `icekit:accountId`, else the offline placeholder 000000000000.")
    accountIdOffline: bool = Field(description="True when accountId is the placeholder, not the stack's.")
    environment: str
    resources: list[PlannedResource]
    outputs: dict[str, Any] = Field(description="Stack outputs; secret outputs are '[secret]'.")
    clientConfigs: dict[str, dict[str, Any]] = Field(
        description="outputs.clientConfigs: app -> ClientConfig."
    )
    messages: list[str] = Field(
        default_factory=list, description="Warnings the program logged, de-duplicated."
    )

    def resources_of_type(self, type_token: str) -> list[PlannedResource]:
        return [resource for resource in self.resources if resource.type == type_token]
