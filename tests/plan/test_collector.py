"""The collector's policy while a plan runs: the heap frozen and passes rare, the caller's state restored."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from icekit.plan import run_plan
from icekit.plan.collector import PLAN_GC_THRESHOLDS, collector_policy
from tests.plan.tiny_program import main as tiny_main


def test_a_plan_runs_frozen_with_raised_thresholds_and_restores_both(project: Path) -> None:
    seen: list[tuple[tuple[int, int, int], int]] = []

    def program() -> None:
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        tiny_main()

    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    run_plan("dev", project, program=program)
    [(thresholds, frozen)] = seen
    assert thresholds == PLAN_GC_THRESHOLDS and frozen > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_failing_plan_restores_the_state_too(project: Path) -> None:
    def program() -> None:
        raise RuntimeError("boom")

    before = gc.get_threshold()
    with pytest.raises(Exception, match="boom"):  # the SDK may wrap it
        run_plan("dev", project, program=program)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_alone() -> None:
    before = gc.get_threshold()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_policy():
            assert gc.get_threshold() == PLAN_GC_THRESHOLDS
            with collector_policy():  # nested: no change
                assert gc.get_threshold() == PLAN_GC_THRESHOLDS
            assert gc.get_threshold() == PLAN_GC_THRESHOLDS
        # Left alone: not unfrozen (the count would drop to 0) and nothing frozen on top (it would grow). A
        # frozen object can still be freed by reference counting meanwhile, so the count may shrink a little.
        assert 0 < gc.get_freeze_count() <= frozen
        assert frozen - gc.get_freeze_count() < frozen // 100
        assert gc.get_threshold() == before
    finally:
        gc.unfreeze()


def test_a_process_that_ends_after_its_command_keeps_the_policy_and_freezes_what_a_plan_left(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icekit.plan.collector as collector

    monkeypatch.setattr(collector, "_until_exit", False)
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    try:
        collector.keep_frozen_until_exit()
        assert collector._until_exit
        assert not gc.isenabled()  # no pass until the plan starts
        frozen_by_policy: list[int] = []

        def program() -> None:
            frozen_by_policy.append(gc.get_freeze_count())
            assert gc.isenabled()
            tiny_main()

        run_plan("dev", project, program=program)
        # not restored: the thresholds stay raised and what the plan made is frozen on top of the heap
        assert gc.get_threshold() == PLAN_GC_THRESHOLDS
        assert gc.get_freeze_count() > frozen_by_policy[0] > 0
    finally:
        gc.enable()
        gc.set_threshold(*before)
        gc.unfreeze()


def test_stacks_planned_in_worker_processes_end_the_pass_free_start_too(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icekit.plan.collector as collector
    from icekit.plan.stacks import plan_stacks

    monkeypatch.setattr(collector, "_until_exit", False)
    before = gc.get_threshold()
    try:
        collector.keep_frozen_until_exit()
        assert not gc.isenabled()
        outcomes = plan_stacks(["dev", "prod"], project, workers=2, render=False)
        assert [outcome.plan.stack for outcome in outcomes] == ["dev", "prod"]  # type: ignore[union-attr]
        assert gc.isenabled()  # this process planned nothing itself, and runs with the collector again
    finally:
        gc.enable()
        gc.set_threshold(*before)
        gc.unfreeze()
