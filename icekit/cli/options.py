"""What the report-writing verbs share: their `--format`/`--fail-on`/`--out`/`--project-dir` options, and
one way to put a report on standard output or, atomically, into the `--out` file.

Kept free of pulumi and of the formatters, so any verb (check, review, plan) can import it at module level.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from icekit.errors import UserInputError

__all__ = [
    "fail_on_option",
    "format_option",
    "out_file_option",
    "project_dir_option",
    "write_atomically",
    "write_report",
]

_Command = TypeVar("_Command", bound=Callable[..., Any])


def format_option(choices: Sequence[str], *, default: str, help: str) -> Callable[[_Command], _Command]:
    """`--format`, passed to the command as `output_format`."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help=help,
    )


def fail_on_option(choices: Sequence[str], *, default: str, help: str) -> Callable[[_Command], _Command]:
    """`--fail-on`, passed as `fail_on`: the threshold above which the verb exits 1."""
    return click.option(
        "--fail-on",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help=help,
    )


def out_file_option(*, help: str) -> Callable[[_Command], _Command]:
    """`--out FILE`, passed as `out_file` (None: standard output)."""
    return click.option(
        "--out",
        "out_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=help,
    )


def project_dir_option() -> Callable[[_Command], _Command]:
    """`--project-dir DIR`, passed as `project_dir`: an existing directory holding Pulumi.yaml."""
    return click.option(
        "--project-dir",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        default=Path("."),
        show_default=True,
        help="The directory holding Pulumi.yaml.",
    )


def write_atomically(path: Path, text: str, *, create_parents: bool = False) -> None:
    """Readers see the old file or the whole new one, never a part: a temporary file beside it, then a
    rename. A missing directory is created with `create_parents`, else it is the user's mistake; so is a
    place that cannot be written (read-only, a file where a directory should be): exit 2, no traceback.
    The file gets the usual mode (umask), or keeps the mode of the file it replaces."""
    directory = path.parent
    try:
        if create_parents:
            directory.mkdir(parents=True, exist_ok=True)
        elif not directory.is_dir():
            raise UserInputError("the directory does not exist", file=path)
        mode = _mode_for(path)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except (FileExistsError, NotADirectoryError):
        raise UserInputError("cannot write the report: a parent path is not a directory", file=path) from None
    except OSError as exc:
        raise UserInputError(f"cannot write the report ({exc.strerror or exc})", file=path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        # mkstemp creates the file 0600; a report is not a secret.
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UserInputError(f"cannot write the report ({exc.strerror or exc})", file=path) from None
        raise


def _mode_for(path: Path) -> int:
    """The permission bits of the file being replaced, else 0666 minus the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_report(
    text: str,
    out_file: Path | None,
    *,
    written: str | None = None,
    written_to_stderr: bool = False,
    create_parents: bool = False,
) -> None:
    """The report on standard output, or into `out_file` followed by the one-line `written` notice
    (on stdout, or stderr with `written_to_stderr`). Call it only once nothing can fail on bad input."""
    if out_file is None:
        sys.stdout.write(text)
        return
    write_atomically(out_file, text, create_parents=create_parents)
    if written is not None:
        click.echo(written, err=written_to_stderr)
