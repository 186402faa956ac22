"""The review report: plain frozen data, built by the diff modules, read by the formatters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from icekit.review.ram import Statement
from icekit.stack.lines import LineIndex

__all__ = [
    "AppConfigChange",
    "ChangeKind",
    "Classification",
    "FieldChange",
    "FindingsDiff",
    "ResourceChange",
    "Review",
    "Revision",
    "StackReview",
    "StackSource",
    "StackStatus",
    "StatementChange",
    "Verdict",
]

Classification = Literal["broadening", "narrowing", "neutral"]
Verdict = Literal["broadening", "narrowing", "neutral", "unchanged"]
ChangeKind = Literal["added", "removed", "changed"]
StackStatus = Literal["added", "removed", "changed", "unchanged"]


@dataclass(frozen=True)
class FieldChange:
    """One leaf that differs; values are display text (JSON, secrets masked) or None when absent."""

    path: str
    base: str | None
    head: str | None


@dataclass(frozen=True)
class StatementChange:
    document: str  # e.g. "policy icekit-dev-mobile-video-upload" or "trust policy of role icekit-dev-x"
    sign: Literal["+", "-"]
    statement: Statement
    classification: Classification
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResourceChange:
    """A change outside statements: attachments, roles, buckets, callbacks, and any other resource."""

    kind: str
    name: str
    change: ChangeKind
    classification: Classification
    reasons: tuple[str, ...] = ()
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class AppConfigChange:
    app: str
    change: ChangeKind
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class FindingsDiff:
    new: tuple[dict[str, Any], ...] = ()
    fixed: tuple[dict[str, Any], ...] = ()
    unchanged: tuple[dict[str, Any], ...] = ()
    newly_suppressed: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class StackReview:
    stack: str
    status: StackStatus
    verdict: Verdict
    statements: tuple[StatementChange, ...] = ()
    resources: tuple[ResourceChange, ...] = ()
    client_configs: tuple[AppConfigChange, ...] = ()
    findings: FindingsDiff = field(default_factory=FindingsDiff)

    @property
    def broadening_reasons(self) -> tuple[str, ...]:
        reasons: list[str] = []
        for change in self.statements:
            if change.classification == "broadening":
                reasons += [f"{change.document}: {r}" for r in change.reasons]
        for resource in self.resources:
            if resource.classification == "broadening":
                reasons += [f"{resource.kind} {resource.name}: {r}" for r in resource.reasons]
        return tuple(dict.fromkeys(reasons))


@dataclass(frozen=True)
class Revision:
    label: str  # what the user named: a ref, or "working tree"
    commit: str | None  # resolved commit id; None for the working tree


@dataclass(frozen=True)
class StackSource:
    """A head stack file as reviewed, so SARIF can point new findings at their line (the plan's index)."""

    stack: str
    path: str  # relative to the repository root, `/`-separated
    lines: LineIndex


@dataclass(frozen=True)
class Review:
    base: Revision
    head: Revision
    verdict: Verdict
    stacks: tuple[StackReview, ...]
    fail_on: str
    failed: bool
    sources: tuple[StackSource, ...] = ()
