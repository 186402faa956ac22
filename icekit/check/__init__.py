"""`icekit check`: run the guardrails over a stack's offline plan or over standalone RAM policy files.

The result is an icekit.report.Report; the formatters are in icekit.report."""

from __future__ import annotations

from icekit.check.run import check_plan, check_plans, check_policy_files, check_stack
from icekit.check.verdict import exit_code

__all__ = ["check_plan", "check_plans", "check_policy_files", "check_stack", "exit_code"]
