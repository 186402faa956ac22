"""The report of `icekit plan`: the plan (resources summary), its findings and the files written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from icekit.plan.model import PlanResult
from icekit.report.model import LocatedFinding, Report, TargetReport
from icekit.rules.finding import Finding

__all__ = ["plan_report"]


def plan_report(plan: PlanResult, findings: Sequence[Finding], written: Sequence[Path]) -> Report:
    """Findings stay unlocated (line None): the plan's formats name the declaration path, not the line."""
    target = TargetReport(
        kind="stack",
        target=plan.stack,
        environment=plan.environment,
        region=plan.region,
        files=(plan.stackFile,),
        findings=tuple(LocatedFinding(finding, plan.stackFile, None) for finding in findings),
    )
    return Report("plan", (target,), plan=plan, written=tuple(path.as_posix() for path in written))
