"""Several stacks in one call (`icekit plan dev staging prod`, `icekit check dev staging prod`): each planned,
checked and (for `plan`) rendered in memory, in the order given, in this process or, for many stacks on a
machine with several cores, in worker processes.

A worker plans one stack at a time (the Pulumi mock runtime keeps global state per process) and is forked
from a fork server ('forkserver' context; 'spawn' where there is none), so it never inherits a
half-initialised runtime from its parent.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from icekit.errors import UserInputError
from icekit.plan.collector import collector_policy
from icekit.plan.fork import usable_cores
from icekit.plan.model import PlanResult
from icekit.rules.finding import Finding

__all__ = ["PARALLEL_ABOVE", "Outcome", "StackPlan", "plan_stack", "plan_stacks", "worker_count"]

# More stacks than this, and more than one core: worker processes. Below it, starting the workers (a fork
# server that imports the Pulumi SDKs and the program once, about 1.5 s here) costs more than planning the
# stacks one after another in this process: the three bundled stacks took 4.0-5.4 s with workers against
# 2.1-3.9 s without on this 2-core machine (docs/plan.md).
PARALLEL_ABOVE = 8


_PRELOAD = ("icekit.plan.engine", "icekit.plan.runtime", "icekit.plan.checks", "icekit.plan.files")


@dataclass(frozen=True)
class StackPlan:
    """One stack's plan, its findings and the client configuration files it renders (not yet written; none
    when the caller asked for no files)."""

    plan: PlanResult
    findings: list[Finding]
    files: dict[str, str]


def plan_stack(stack: str, project_dir: Path, render: bool = True, shards: int | None = None) -> StackPlan:
    """Plan, check and (with `render`) render `stack`; nothing is written. Raises UserInputError for an
    invalid stack. `shards`: as for run_plan."""
    from icekit.plan.checks import evaluate_plan
    from icekit.plan.engine import run_plan
    from icekit.plan.files import render_plan_files

    plan = run_plan(stack, project_dir, shards=shards)
    return StackPlan(plan, evaluate_plan(plan), render_plan_files(plan) if render else {})


Outcome = StackPlan | UserInputError


def _outcome(stack: str, project_dir: Path, render: bool = True, shards: int | None = None) -> Outcome:
    """A worker's answer: the plan or the user's mistake (both pickle; anything else is raised)."""
    try:
        return plan_stack(stack, project_dir, render, shards)
    except UserInputError as error:
        return error


def worker_count(stacks: int) -> int:
    """Worker processes for `stacks` stacks: 0 (plan here) unless there are many and several cores."""
    cores = usable_cores()
    if stacks <= PARALLEL_ABOVE or cores < 2:
        return 0
    return min(cores, stacks)


def plan_stacks(
    stacks: Sequence[str],
    project_dir: Path,
    *,
    workers: int | None = None,
    on_stack: Callable[[str], None] = lambda _stack: None,
    render: bool = True,
) -> list[Outcome]:
    """Every stack's outcome, in the order given, even after one proves invalid (so that one run names every
    invalid stack). `workers`: worker processes (default worker_count); 0 plans in this process, calling
    `on_stack(stack)` before each. `render=False`: no client configuration files (`check`)."""
    count = worker_count(len(stacks)) if workers is None else workers
    if count == 0:
        outcomes: list[Outcome] = []
        for stack in stacks:
            on_stack(stack)
            outcomes.append(_outcome(stack, project_dir, render))
        return outcomes
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    # The server imports the plan machinery once and forks every worker from it, so that each does not
    # import the Pulumi SDKs again; it is started clean (no state of this process), unlike a plain fork.
    # Where there is no fork server (Windows), each worker is spawned and imports them itself.
    from icekit.program import program_module

    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload([*_PRELOAD, program_module()])
    # This process's part of the plans (receiving them) runs under the plan's collector policy too, which
    # also ends the console commands' pass-free start (icekit.plan.collector.keep_frozen_until_exit).
    with (
        collector_policy(),
        concurrent.futures.ProcessPoolExecutor(max_workers=count, mp_context=context) as pool,
    ):
        # the workers use the cores already: each plans its stack in one process
        count_of = len(stacks)
        return list(pool.map(_outcome, stacks, [project_dir] * count_of, [render] * count_of, [1] * count_of))
