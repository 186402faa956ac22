"""Progress shows on a terminal only."""

from __future__ import annotations

import io
import threading

from rich.console import Console

from icekit.plan.progress import progress


def test_quiet_when_not_a_terminal() -> None:
    buffer = io.StringIO()
    with progress(Console(file=buffer, force_terminal=False), "planning") as step:
        step("checking")
    assert buffer.getvalue() == ""


def test_status_on_a_terminal() -> None:
    buffer = io.StringIO()
    with progress(Console(file=buffer, force_terminal=True), "planning dev") as step:
        step("checking guardrails")
    assert "planning dev" in buffer.getvalue() or "checking guardrails" in buffer.getvalue()


def test_brackets_in_the_stack_name_are_text() -> None:
    # `icekit plan '[/]x'` on a terminal: rich raised MarkupError before the name was even validated.
    buffer = io.StringIO()
    with progress(Console(file=buffer, force_terminal=True), "planning stack [/]x") as step:
        step("checking [bold]y")
    assert "planning stack [/]x" in buffer.getvalue() or "checking [bold]y" in buffer.getvalue()


def test_no_thread_runs_beside_the_plan_on_a_terminal() -> None:
    # a large stack's plan forks its shards only while no other thread runs (icekit.plan.shards)
    buffer = io.StringIO()
    before = threading.active_count()
    with progress(Console(file=buffer, force_terminal=True), "planning dev") as step:
        assert threading.active_count() == before
        step("planning stack dev")
        assert threading.active_count() == before
    assert "planning stack dev" in buffer.getvalue()
