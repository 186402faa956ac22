"""The result of an offline plan (docs/contracts.md, "Plan result"): what `check` and `review` consume.

Field names are the contract's JSON keys, so `model_dump(mode="json", exclude=CARRIED)` is the document
`icekit plan --format json` prints (minus findings and files). Resources also answer `get`/`[]` like the
mappings rules read.

The plan also carries what it learnt on the way, so that check, review and the SARIF locator never read or
parse a file again: the declaration (in process only: its secrets do not survive a dump), the guardrail
settings and suppressions, the stack file's line index and the absolute project directory.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from icekit.stack import GuardrailSettings, LineIndex, StackDeclaration, Suppression

__all__ = ["CARRIED", "PlanResult", "PlannedResource"]

# The fields beyond the contract's document (`icekit plan --format json` leaves them out).
CARRIED = frozenset({"guardrails", "suppressions", "lineIndex", "projectDir"})


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
    notes: list[str] = Field(
        default_factory=list,
        description="What the plan says besides the program: stacks sharing the account and region, what an "
        "MNS callback needs that icekit cannot provision.",
    )
    sharedAccountRegion: list[str] = Field(
        default_factory=list,
        description="The project's other stacks declaring this stack's account and region (they share its "
        "ICE event callback and its RAM names); empty when the account is the offline placeholder.",
    )
    # --- carried, not part of the contract's document ---------------------------------------------------
    declaration: StackDeclaration | None = Field(
        default=None, exclude=True, description="The validated declaration (in process only)."
    )
    guardrails: GuardrailSettings = Field(
        default_factory=GuardrailSettings, description="The stack's `icekit:guardrails`."
    )
    suppressions: list[Suppression] = Field(
        default_factory=list, description="The stack's `icekit:suppressions`, in declared order."
    )
    lineIndex: LineIndex = Field(
        default_factory=LineIndex, description="Key path -> line in the stack file (`stackFile`)."
    )
    projectDir: str | None = Field(
        default=None, description="The project directory, absolute: what `stackFile` is relative to."
    )

    def resources_of_type(self, type_token: str) -> list[PlannedResource]:
        return [resource for resource in self.resources if resource.type == type_token]

    def contract_document(self) -> dict[str, Any]:
        """The contract's JSON document (`icekit plan --format json` minus findings and files): without what
        the plan carries for check and review."""
        return self.model_dump(mode="json", exclude=set(CARRIED))
