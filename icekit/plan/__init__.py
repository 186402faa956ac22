"""Offline plan: run the stack's own Pulumi program on the SDK's mock runtime and record what it declares."""

from __future__ import annotations

from icekit.plan.engine import load_program, run_plan
from icekit.plan.model import CARRIED, PlannedResource, PlanResult

__all__ = ["CARRIED", "PlanResult", "PlannedResource", "load_program", "run_plan"]
