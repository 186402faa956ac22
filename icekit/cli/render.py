"""`icekit render --outputs FILE [--out DIR] [--include-secrets]`: client configuration files from the
JSON that `pulumi stack output --json` prints; replaces DIR/<stack>/ as a whole with
DIR/<stack>/<app>/{client-config.json,.env,upload_request.py} for every app (see icekit.render.stackdir).
"""

from __future__ import annotations

from pathlib import Path

import click

from icekit.clientconfig.outputs import read_stack_outputs
from icekit.errors import EXIT_INVALID_INPUT
from icekit.models.input import display_name
from icekit.models.problems import InvalidDocumentError
from icekit.render.stack import render_stack_outputs, stack_of
from icekit.render.stackdir import replace_stack_dir

__all__ = ["DEFAULT_OUT_DIR", "command"]

DEFAULT_OUT_DIR = "build"


@click.command(name="render")
@click.option(
    "--outputs", "outputs_file", required=True, help="File with `pulumi stack output --json` (- for stdin)."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(DEFAULT_OUT_DIR),
    show_default=True,
    help="Output directory; <out>/<stack>/ is replaced with one <app>/ per app.",
)
@click.option(
    "--include-secrets",
    is_flag=True,
    help="Write each app's callback auth key into its .env "
    "(the outputs must carry it in clear: --show-secrets).",
)
@click.pass_context
def command(ctx: click.Context, outputs_file: str, out_dir: Path, include_secrets: bool) -> None:
    """Render client configuration files from a stack's outputs."""
    name = display_name(outputs_file)
    try:
        outputs = read_stack_outputs(outputs_file)
    except InvalidDocumentError as exc:
        for line in exc.lines():
            click.echo(f"error: {line}", err=True)
        ctx.exit(EXIT_INVALID_INPUT)
    if not outputs.client_configs:
        click.echo(f"{name}: clientConfigs names no app; nothing to render", err=True)
        return
    stack = stack_of(outputs, file=name)
    files = render_stack_outputs(outputs, include_secrets=include_secrets, file=name)
    # A .env holding an auth key is a secret file: owner-only.
    private = [path for path in files if path.endswith("/.env") and "\nICE_CALLBACK_AUTH_KEY=" in files[path]]
    written = replace_stack_dir(out_dir, stack, files, private=private)
    for path in written:
        click.echo(f"wrote {path}")
    if not include_secrets and any(
        c.callback and c.callback.authEnabled for c in outputs.client_configs.values()
    ):
        click.echo(
            "note: callback auth keys were left out of .env (use --include-secrets to write them)", err=True
        )
