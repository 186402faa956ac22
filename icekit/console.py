"""The `icekit` console script (`[project.scripts]`) and `python -m icekit.cli`: the command of
icekit.cli.run, started with the cyclic collector off.

Starting a verb imports its modules (click, pydantic and the verb's models, jinja2, the Pulumi SDKs):
hundreds of thousands of long-lived objects and no garbage to speak of, over which every collector pass is
wasted (75 passes and 17 ms of one `icekit validate`; docs/client-config.md). Once the verb's module
is imported, icekit.cli freezes what the imports made (gc.freeze: never walked again) and turns the
collector on, so the verb itself runs with it, a long-lived `icekit sandbox` included.
"""

from __future__ import annotations

import gc

__all__ = ["run"]


def run() -> None:
    gc.disable()
    from icekit.cli import run as run_command

    run_command()
