"""A rich Console for standard output that treats a closed pipe like the rest of the CLI does."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from icekit.cli import stdout_gone

__all__ = ["PipeSafeConsole"]


class PipeSafeConsole(Console):
    """rich exits 1 when the reader goes away (`| head`), which would read as "mandatory findings".

    No emoji codes: icekit prints ARNs, and rich would show `acs:ram::1234:role/x` as `acs🐏:1234:role/x`.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**{"emoji": False, **options})

    def on_broken_pipe(self) -> None:
        self.quiet = True
        stdout_gone()
