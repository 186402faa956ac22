"""The guardrail findings of a plan (icekit.rules), as `icekit check` reports them."""

from __future__ import annotations

from pathlib import Path

from icekit.plan.model import PlanResult
from icekit.rules import Finding, evaluate_plan

__all__ = ["blocking", "evaluate_findings"]


def evaluate_findings(plan: PlanResult, project_dir: Path) -> list[Finding]:
    """All findings, suppressed ones included (flagged), in the rules' stable order."""
    return evaluate_plan(plan, project_dir)


def blocking(findings: list[Finding]) -> list[Finding]:
    """The findings that fail the plan (exit 1): mandatory and not suppressed."""
    return [finding for finding in findings if finding.blocking]
