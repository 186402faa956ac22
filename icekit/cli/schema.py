"""`icekit schema [--out DIR]`: write the JSON Schemas (draft 2020-12) of the snippets and client config."""

from __future__ import annotations

from pathlib import Path

import click

from icekit.clientconfig.schemas import write_schemas

__all__ = ["DEFAULT_SCHEMA_DIR", "command"]

DEFAULT_SCHEMA_DIR = "schemas"


@click.command(name="schema")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(DEFAULT_SCHEMA_DIR),
    show_default=True,
    help="Directory to write <kind>.json into.",
)
def command(out_dir: Path) -> None:
    """Write the JSON Schemas of the CreateUploadMedia snippets and of the client configuration."""
    for path in write_schemas(out_dir):
        click.echo(f"wrote {path}")
