"""`icekit check`: run the guardrails over a stack's offline plan or over standalone RAM policy files."""

from __future__ import annotations

from icekit.check.report import CheckReport, LocatedFinding, exit_code
from icekit.check.run import check_plan, check_policy_files, check_stack

__all__ = ["CheckReport", "LocatedFinding", "check_plan", "check_policy_files", "check_stack", "exit_code"]
