"""Whether a check fails: the exit code its findings imply at a `--fail-on` level."""

from __future__ import annotations

from typing import Literal

from icekit.errors import EXIT_FINDINGS, EXIT_OK
from icekit.report.model import Report
from icekit.rules.finding import Finding

__all__ = ["FailOn", "exit_code", "fails"]

FailOn = Literal["advisory", "mandatory"]
_RANK = {"advisory": 1, "mandatory": 2}


def fails(finding: Finding, fail_on: FailOn) -> bool:
    """Suppressed findings never fail a check."""
    return not finding.suppressed and _RANK[finding.enforcement] >= _RANK[fail_on]


def exit_code(report: Report, fail_on: FailOn = "mandatory") -> int:
    """Exit 1 when any finding of any target fails (several stacks: the worst of their codes)."""
    return EXIT_FINDINGS if any(fails(item.finding, fail_on) for item in report.findings) else EXIT_OK
