"""`icekit upload FILE... --config client-config.json [--title T] [--extend JSON] [--wait]
[--endpoint sts=URL --endpoint ice=URL --endpoint oss=URL] [--sandbox READY_FILE]`.

Every input is checked before the first upload (the configuration, --extend, the endpoints, each file against
the app's rules): a bad one exits 2 naming the file and key path, and nothing is uploaded. Then one progress
bar per file (stderr), a summary table (file, MediaId, status) on stdout; exit 0 when every upload succeeded,
1 otherwise. With --sandbox, the endpoints and the principal's key come from `icekit sandbox`'s ready file.
Imports the SDKs only when it runs (icekit.upload is lazy)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from icekit.errors import UserInputError

__all__ = ["command"]


def _extend(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError as error:
        raise UserInputError(f"is not JSON ({error})", key_path="--extend") from None
    if not isinstance(value, dict):
        raise UserInputError("must be a JSON object (UserData.Extend)", key_path="--extend")
    return value


def _uploader(config: Path, endpoints: tuple[str, ...], sandbox: Path | None) -> Any:
    from icekit.upload import Uploader, parse_endpoint_options, read_ready_file

    if sandbox is not None:
        if endpoints:
            raise UserInputError("give --sandbox or --endpoint, not both", key_path="--endpoint")
        return Uploader.for_sandbox(config, read_ready_file(sandbox))
    return Uploader.from_config(config, endpoints=parse_endpoint_options(endpoints))


def _check_files(uploader: Any, files: tuple[Path, ...], title: str | None, extend: Any) -> None:
    for file in files:
        if not file.is_file():
            raise UserInputError("is not a readable file", file=file)
        try:
            uploader.request_for(file.name, file.stat().st_size, title=title or file.stem, extend=extend)
        except UserInputError as error:
            raise UserInputError(error.message, file=file, key_path=error.key_path) from None


def _upload_all(
    uploader: Any, files: tuple[Path, ...], title: str | None, extend: Any, wait: float | None
) -> list[tuple[str, str, str]]:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    from icekit.upload import UploadError

    rows: list[tuple[str, str, str]] = []
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as bars:
        for file in files:
            task = bars.add_task(file.name, total=file.stat().st_size)

            def advance(sent: int, total: int | None, task: Any = task) -> None:
                bars.update(task, completed=sent)

            media_id = "-"
            try:
                media_id = uploader.upload(
                    file, title=title or file.stem, extend=extend, progress=advance
                ).media_id
                status = "uploaded"
                if wait is not None:
                    uploader.wait(media_id, timeout=wait)
                    status = "ready"
            except UploadError as error:
                status = f"failed: {error}"
            rows.append((str(file), media_id, status))
    return rows


def _summary(rows: list[tuple[str, str, str]]) -> None:
    from rich.table import Table

    from icekit.cli.console import PipeSafeConsole

    table = Table("file", "MediaId", "status")
    for row in rows:
        table.add_row(*row)
    PipeSafeConsole(highlight=False).print(table)


@click.command(name="upload")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--config", "config", required=True, type=click.Path(path_type=Path), help="client-config.json")
@click.option("--title", help="The media title (default: each file's name without its extension).")
@click.option("--extend", help="A JSON object sent as UserData.Extend (echoed back in callbacks).")
@click.option("--wait", "wait", is_flag=True, help="Wait until GetMediaInfo shows each media ready.")
@click.option("--wait-timeout", default=120.0, show_default=True, help="Seconds --wait waits per file.")
@click.option("--endpoint", "endpoints", multiple=True, metavar="SERVICE=URL", help="sts=, ice= or oss= URL.")
@click.option("--sandbox", type=click.Path(path_type=Path), help="`icekit sandbox`'s ready file.")
def command(
    files: tuple[Path, ...], config: Path, title: str | None, extend: str | None, wait: bool,
    wait_timeout: float, endpoints: tuple[str, ...], sandbox: Path | None,
) -> None:  # fmt: skip
    """Upload FILEs for the app of a client configuration, with the official SDKs."""
    from icekit.upload import UploadError

    extension = _extend(extend)
    try:
        uploader = _uploader(config, endpoints, sandbox)
    except UploadError as error:  # the role could not be assumed: nothing to upload with
        click.echo(f"error: {error}", err=True)
        raise SystemExit(1) from None
    _check_files(uploader, files, title, extension)
    rows = _upload_all(uploader, files, title, extension, wait_timeout if wait else None)
    _summary(rows)
    if any(status.startswith("failed") for _, _, status in rows):
        raise SystemExit(1)
