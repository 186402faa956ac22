"""A check's result: findings with their file locations, counts, and the exit code they imply."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from icekit.errors import EXIT_FINDINGS, EXIT_OK
from icekit.rules.finding import Finding

__all__ = ["CheckReport", "FailOn", "LocatedFinding", "exit_code", "fails", "total_counts", "worst_exit_code"]

FailOn = Literal["advisory", "mandatory"]
_RANK = {"advisory": 1, "mandatory": 2}


@dataclass(frozen=True)
class LocatedFinding:
    finding: Finding
    file: str | None  # relative to the project (stack file) or as given (policy file)
    line: int | None


@dataclass(frozen=True)
class CheckReport:
    kind: Literal["stack", "policy"]
    target: str  # the stack name, or "policy files"
    environment: str | None
    region: str | None
    files: tuple[str, ...]
    findings: tuple[LocatedFinding, ...]

    def counts(self) -> dict[str, int]:
        """total, mandatory, advisory (unsuppressed) and suppressed."""
        counter: Counter[str] = Counter(total=0, mandatory=0, advisory=0, suppressed=0)
        for item in self.findings:
            counter["total"] += 1
            counter["suppressed" if item.finding.suppressed else item.finding.enforcement] += 1
        return dict(counter)


def fails(finding: Finding, fail_on: FailOn) -> bool:
    """Suppressed findings never fail a check."""
    return not finding.suppressed and _RANK[finding.enforcement] >= _RANK[fail_on]


def exit_code(report: CheckReport, fail_on: FailOn = "mandatory") -> int:
    return EXIT_FINDINGS if any(fails(item.finding, fail_on) for item in report.findings) else EXIT_OK


def total_counts(reports: Sequence[CheckReport]) -> dict[str, int]:
    """The counts of several reports (one per stack) added up."""
    total: Counter[str] = Counter(total=0, mandatory=0, advisory=0, suppressed=0)
    for report in reports:
        total.update(report.counts())
    return dict(total)


def worst_exit_code(reports: Sequence[CheckReport], fail_on: FailOn = "mandatory") -> int:
    """Several stacks exit with the worst of their codes."""
    return max((exit_code(report, fail_on) for report in reports), default=EXIT_OK)
