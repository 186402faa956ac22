"""The worker boundary is typed: a side's plans and findings cross it as JSON and come back as models."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from icekit.errors import UserInputError
from icekit.plan.model import PlanResult
from icekit.review import planner
from icekit.review.planned import PlannedSide
from icekit.rules.finding import Finding
from tests.review.synthetic import baseline, finding, planned


def _side() -> PlannedSide:
    return PlannedSide(stacks={"dev": planned(baseline(), [finding("RAM101")])})


def test_a_side_survives_the_round_trip() -> None:
    side = _side()
    again = PlannedSide.model_validate_json(side.model_dump_json())
    assert again == side
    assert isinstance(again.stacks["dev"].plan, PlanResult)
    assert isinstance(again.stacks["dev"].findings[0], Finding)


def _task(tmp_path: Path) -> planner.PlanTask:
    return planner.PlanTask("head", tmp_path, ("dev",), "head working tree")


def _worker_printing(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    command = [sys.executable, "-c", f"import sys; sys.stdout.write({text!r})"]
    monkeypatch.setattr(planner, "_worker_command", lambda task: command)


def test_the_parent_reads_typed_plans(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _worker_printing(monkeypatch, _side().model_dump_json())
    [(key, stack)] = planner.plan_all([_task(tmp_path)]).items()
    assert key == ("head", "dev")
    assert stack.plan.stack == "dev" and [f.ruleId for f in stack.findings] == ["RAM101"]


@pytest.mark.parametrize(
    "printed",
    ["", "not json", '{"stacks": {}}', '{"stacks": {"dev": {"plan": {"stack": "dev"}}}}'],
)
def test_a_worker_document_that_does_not_validate_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, printed: str
) -> None:
    _worker_printing(monkeypatch, printed)
    with pytest.raises(UserInputError, match="the plan worker printed no plan at head working tree"):
        planner.plan_all([_task(tmp_path)])
