"""`icekit init DIR [--region R] [--environments dev,staging,prod]`: a team's own project on the installed
icekit: Pulumi.yaml, __main__.py calling icekit's program, one commented stack per environment, the
CrossGuard pack, pinned requirements, the review workflow and a pre-commit configuration.

Refuses (exit 2, nothing written) a DIR that exists and is not empty; writes all files or none.
"""

from __future__ import annotations

from pathlib import Path

import click

from icekit.errors import UserInputError
from icekit.facts.environments import ENVIRONMENTS
from icekit.facts.regions import SUPPORTED_REGIONS

__all__ = ["command"]

_DEFAULT_REGION = "cn-shanghai"


def _environments(text: str) -> tuple[str, ...]:
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    allowed = ", ".join(ENVIRONMENTS)
    if not names:
        raise UserInputError(f"name at least one environment (allowed: {allowed})", key_path="--environments")
    unknown = [name for name in names if name not in ENVIRONMENTS]
    if unknown:
        raise UserInputError(
            f"unknown environment {', '.join(map(repr, unknown))} (allowed: {allowed})",
            key_path="--environments",
        )
    if len(set(names)) != len(names):
        raise UserInputError("an environment is named twice", key_path="--environments")
    return names


def _refuse_non_empty(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise UserInputError("exists and is not a directory", file=directory)
    if directory.is_dir() and any(directory.iterdir()):
        raise UserInputError("is not empty: icekit init writes into a new or empty directory", file=directory)


@click.command(name="init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--region",
    type=click.Choice(SUPPORTED_REGIONS),
    default=_DEFAULT_REGION,
    show_default=True,
    help="The region of every stack.",
)
@click.option(
    "--environments",
    "environments_text",
    default=",".join(ENVIRONMENTS),
    show_default=True,
    help="Comma-separated environments, one stack each.",
)
def command(directory: Path, region: str, environments_text: str) -> None:
    """Make a new project in DIRECTORY that uses the installed icekit (not a copy of it)."""
    from icekit.render.atomic import write_files_atomically
    from icekit.scaffold import ScaffoldOptions, project_files
    from icekit.scaffold.project import project_name

    environments = _environments(environments_text)
    _refuse_non_empty(directory)
    name = project_name(directory.resolve().name)
    files = project_files(ScaffoldOptions(name=name, region=region, environments=environments))
    for path in write_files_atomically(directory, files):
        click.echo(f"wrote {path}")
    click.echo(
        f"next: cd {directory} && python -m venv .venv && .venv/bin/pip install -r requirements.txt && "
        f"git init && .venv/bin/icekit plan {environments[0]}"
    )
