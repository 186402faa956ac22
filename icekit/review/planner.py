"""Plans both sides of a review: one worker process per checkout (it plans all that side's stacks),
the two sides side by side."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from icekit.errors import UserInputError
from icekit.review._plan_worker import ERROR_MARKER
from icekit.review.planned import PlannedSide, PlannedStack

__all__ = ["WORKER_MODULE", "PlanTask", "plan_all"]

WORKER_MODULE = "icekit.review._plan_worker"
_TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class PlanTask:
    """All stacks to plan in one checkout."""

    side: str  # "base" or "head": the key of the results
    project_dir: Path
    stacks: tuple[str, ...]
    label: str  # e.g. "base origin/main", named in error messages
    # The project directory as the user knows it (relative to the repository root): error messages name
    # files under it, not under the temporary worktree the side was planned in.
    shown_dir: Path = Path(".")


def _worker_command(task: PlanTask) -> list[str]:
    # -P: the working directory is not put on sys.path, so `icekit` is the installed tool, not the checkout's.
    return [sys.executable, "-P", "-m", WORKER_MODULE, str(task.project_dir), *task.stacks]


def _plan(task: PlanTask) -> dict[str, PlannedStack]:
    try:
        done = subprocess.run(
            _worker_command(task),
            cwd=task.project_dir,
            capture_output=True,
            text=True,
            check=False,
            timeout=_TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        raise UserInputError(f"planning at {task.label} did not finish in {_TIMEOUT_SECONDS}s") from None
    if done.returncode != 0:
        raise _planning_error(task, done.stderr, done.returncode)
    try:
        side = PlannedSide.model_validate_json(done.stdout)
        return {name: side.stacks[name] for name in task.stacks}
    except (ValidationError, KeyError):
        raise UserInputError(f"the plan worker printed no plan at {task.label}") from None


def _planning_error(task: PlanTask, stderr: str, returncode: int) -> UserInputError:
    """The worker's error in full (every problem it lists, the file as the user knows it and the key path);
    for an unexpected failure, the last line of its output."""
    prefix = f"a stack failed to plan at {task.label}"
    for line in reversed(stderr.splitlines()):
        if line.startswith(ERROR_MARKER):
            try:
                error = json.loads(line.removeprefix(ERROR_MARKER))
                file = error["file"]
                shown = None if file is None else (task.shown_dir / file).as_posix()
                parts = [f"stack {error['stack']!r}", shown, error["keyPath"], error["message"]]
            except (ValueError, KeyError, TypeError):
                break
            return UserInputError(f"{prefix}: " + ": ".join(str(part) for part in parts if part))
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    reason = lines[-1].removeprefix("error: ") if lines else f"exit status {returncode}"
    return UserInputError(f"{prefix}: {reason}")


def plan_all(tasks: Sequence[PlanTask]) -> dict[tuple[str, str], PlannedStack]:
    """(side, stack) -> planned stack. A failure is raised as UserInputError (exit 2), base side first."""
    tasks = [task for task in tasks if task.stacks]
    if not tasks:
        return {}
    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        futures = [(task, pool.submit(_plan, task)) for task in tasks]
        return {
            (task.side, name): planned
            for task, future in futures
            for name, planned in future.result().items()
        }
