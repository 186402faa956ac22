"""A spinner on stderr while a plan runs, only when stderr is a terminal (quiet in CI and pipes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape

__all__ = ["progress"]


@contextmanager
def progress(console: Console, message: str) -> Iterator[Callable[[str], None]]:
    """Yields `step(text)` to update the status line."""
    if not console.is_terminal:
        yield lambda _text: None
        return
    # The text names the stack as typed, before it is validated: never read as rich markup.
    with console.status(escape(message)) as status:
        yield lambda text: status.update(escape(text))
