"""A status line on stderr while a plan runs, only when stderr is a terminal (quiet in CI and pipes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.spinner import Spinner

__all__ = ["progress"]


@contextmanager
def progress(console: Console, message: str) -> Iterator[Callable[[str], None]]:
    """Yields `step(text)` to update the status line."""
    if not console.is_terminal:
        yield lambda _text: None
        return
    # The text names the stack as typed, before it is validated: never read as rich markup. Redrawn at each
    # step only, with no refresh thread: a large stack's plan forks its shards (icekit.plan.shards), which
    # it does only while no other thread runs.
    spinner = Spinner("dots", text=escape(message))
    with Live(spinner, console=console, auto_refresh=False, transient=True) as live:

        def step(text: str) -> None:
            spinner.update(text=escape(text))
            live.refresh()

        live.refresh()
        yield step
