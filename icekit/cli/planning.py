"""The stacks a verb was given, planned (and checked) together: `icekit plan` and `icekit check` share it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from icekit.errors import EXIT_INVALID_INPUT, UserInputError

if TYPE_CHECKING:
    from icekit.plan.stacks import StackPlan

__all__ = ["plan_all"]


def plan_all(stacks: tuple[str, ...], project_dir: Path, *, render: bool) -> list[StackPlan]:
    """Every stack is planned even after one proves invalid, so one run names every invalid stack; any
    invalid stack means exit 2 before anything is written. `render`: also render each stack's client
    configuration files (`plan`)."""
    from rich.console import Console

    from icekit.cli import process_ends_after_command
    from icekit.plan.collector import keep_frozen_until_exit
    from icekit.plan.progress import progress
    from icekit.plan.stacks import plan_stacks

    if process_ends_after_command():
        keep_frozen_until_exit()
    with progress(Console(stderr=True), f"planning {', '.join(stacks)}") as step:
        outcomes = plan_stacks(
            stacks, project_dir, on_stack=lambda stack: step(f"planning stack {stack}"), render=render
        )
    errors = [outcome for outcome in outcomes if isinstance(outcome, UserInputError)]
    if errors:
        for error in errors:
            click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_INVALID_INPUT)
    return [outcome for outcome in outcomes if not isinstance(outcome, UserInputError)]
