"""`python -m icekit.cli` runs the same command as the `icekit` script."""

from icekit.console import run

run()
