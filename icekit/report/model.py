"""The report model: what `plan`, `check` and `review` build and every formatter (icekit.report.text, .json,
.sarif, .markdown) reads. Plain frozen data; the commands build it, the formatters only turn it into text.

A `Report` is one run of one command: its targets, each with its findings located in a file (a stack, the
policy files of `check --policy`, or the new findings of a review at head); for `plan` the plan itself (the
resources summary) and the files it wrote; for `review` its sections (per stack: statement, resource, client
configuration and findings changes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from icekit.access.model import Classification
from icekit.rules.finding import Finding

if TYPE_CHECKING:  # only annotations: reading a report needs neither the plan nor the RAM document model
    from icekit.access.model import AccessTable, CanAnswer, RoleAccessChange
    from icekit.plan.model import PlanResult
    from icekit.ram import Statement
    from icekit.stack.lines import LineIndex

__all__ = [
    "AppConfigChange",
    "ChangeKind",
    "Classification",
    "Command",
    "FieldChange",
    "FindingsDiff",
    "LocatedFinding",
    "Report",
    "ResourceChange",
    "Review",
    "Revision",
    "StackReview",
    "StackSource",
    "StackStatus",
    "StatementChange",
    "TargetKind",
    "TargetReport",
    "Verdict",
]

Command = Literal["plan", "check", "review", "access"]
TargetKind = Literal["stack", "policy", "review"]


@dataclass(frozen=True)
class LocatedFinding:
    finding: Finding
    file: str | None  # relative to the project (stack file) or as given (policy file)
    line: int | None  # 1-based; None when not located


def _counts(findings: Iterable[LocatedFinding]) -> dict[str, int]:
    counter: Counter[str] = Counter(total=0, mandatory=0, advisory=0, suppressed=0)
    for item in findings:
        counter["total"] += 1
        counter["suppressed" if item.finding.suppressed else item.finding.enforcement] += 1
    return dict(counter)


@dataclass(frozen=True)
class TargetReport:
    """The findings on one target: a stack, a set of policy files, or a review's stacks at head."""

    kind: TargetKind
    target: str  # the stack name, "policy files", or the reviewed stacks' names
    environment: str | None
    region: str | None
    files: tuple[str, ...]  # the files the findings point into
    findings: tuple[LocatedFinding, ...]

    def counts(self) -> dict[str, int]:
        """total, mandatory, advisory (unsuppressed) and suppressed."""
        return _counts(self.findings)


# --- review sections --------------------------------------------------------------------------------

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
    new: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()
    unchanged: tuple[Finding, ...] = ()
    newly_suppressed: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class StackReview:
    stack: str
    status: StackStatus
    verdict: Verdict
    statements: tuple[StatementChange, ...] = ()
    resources: tuple[ResourceChange, ...] = ()
    client_configs: tuple[AppConfigChange, ...] = ()
    findings: FindingsDiff = field(default_factory=FindingsDiff)
    access: tuple[RoleAccessChange, ...] = ()  # per role, what it may do that it could not (and back)

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
    """A head stack file as reviewed, so the review's new findings can be located at their line (the plan's
    line index: the file is not read again)."""

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
    judge: str = ""  # which icekit judged (icekit.review.tool), named in the report
    guardrail_changes: tuple[str, ...] = ()  # changed files of the guardrails (icekit.review.guarded)
    acknowledged: bool = False  # broadening acknowledged by a code owner: reported, not failing


# --- the report ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """One run of one command, as every formatter reads it."""

    command: Command
    targets: tuple[TargetReport, ...]
    plan: PlanResult | None = None  # plan: the resources summary
    written: tuple[str, ...] = ()  # plan: the files written, POSIX paths as written
    review: Review | None = None  # review: its sections
    access: AccessTable | None = None  # access: the table
    can: CanAnswer | None = None  # access --can: the one decision

    @property
    def findings(self) -> tuple[LocatedFinding, ...]:
        """Every target's findings, in target order."""
        return tuple(item for target in self.targets for item in target.findings)

    def counts(self) -> dict[str, int]:
        """The targets' counts added up."""
        return _counts(self.findings)

    @classmethod
    def joined(cls, reports: Iterable[Report]) -> Report:
        """Several reports of one command (`icekit check STACK STACK ...`) as one, targets in order."""
        reports = list(reports)
        if not reports or len({report.command for report in reports}) != 1:
            raise ValueError("join reports of one command, at least one")
        if any(
            report.plan or report.written or report.review or report.access or report.can
            for report in reports
        ):
            raise ValueError("only findings join: a plan or a review stays a report of its own")
        return cls(reports[0].command, tuple(t for report in reports for t in report.targets))
