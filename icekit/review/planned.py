"""What one side of a review planned: per stack the PlanResult and the findings of the rules on it.

Typed on both sides of the worker boundary: the worker (icekit.review._plan_worker) prints a `PlannedSide`
as JSON, the parent (icekit.review.planner) reads it back with `model_validate_json`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from icekit.plan.model import PlanResult
from icekit.rules.finding import Finding

__all__ = ["PlannedSide", "PlannedStack"]


class PlannedStack(BaseModel):
    """One side of one stack."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: PlanResult
    findings: tuple[Finding, ...] = ()


class PlannedSide(BaseModel):
    """The worker's document: stack name -> what it planned."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stacks: dict[str, PlannedStack]
