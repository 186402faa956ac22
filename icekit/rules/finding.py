"""A finding: one rule's verdict on one resource (or on the whole stack), as every front end reports it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["Finding", "Severity", "finding_sort_key"]

Severity = Literal["low", "medium", "high", "critical"]


class Finding(BaseModel):
    """Field names are the contract's JSON keys (docs/contracts.md, "Findings")."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ruleId: str
    title: str
    severity: Severity
    enforcement: Literal["advisory", "mandatory"]
    resourceUrn: str | None
    resourceType: str | None
    resourceName: str | None
    message: str
    declarationPath: str | None
    suppressed: bool = False
    suppressionReason: str | None = None

    # snake_case views for Python callers
    @property
    def rule_id(self) -> str:
        return self.ruleId

    @property
    def resource_urn(self) -> str | None:
        return self.resourceUrn

    @property
    def declaration_path(self) -> str | None:
        return self.declarationPath

    @property
    def blocking(self) -> bool:
        """Whether this finding fails a deployment: mandatory and not suppressed."""
        return self.enforcement == "mandatory" and not self.suppressed


def finding_sort_key(finding: Finding) -> tuple[str, str, str, str]:
    # Group by where the user declared it, then by resource and rule; stack-wide findings come first.
    return (
        finding.declarationPath or "",
        finding.resourceUrn or "",
        finding.ruleId,
        finding.message,
    )
