"""`python -m icekit.cli` runs the same command as the `icekit` script."""

from icekit.cli import run

run()
