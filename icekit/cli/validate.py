"""`icekit validate KIND [FILE|-]`: check a CreateUploadMedia snippet or a client configuration.

Prints the canonical form on success (exit 0); prints `error: <file>: <Field.path>: <rule>` per problem
(exit 2).
Imports neither pulumi nor jinja2: upload clients run it.
"""

from __future__ import annotations

import click

from icekit.errors import EXIT_INVALID_INPUT
from icekit.models.input import STDIN, decode_object_or_wire, display_name, read_text_input
from icekit.models.problems import InvalidDocumentError
from icekit.models.snippets import SNIPPET_KINDS, snippet_model

__all__ = ["KINDS", "canonical_text", "command"]

KINDS: tuple[str, ...] = (*SNIPPET_KINDS, "client-config")


def canonical_text(kind: str, text: str) -> str:
    """The canonical form of a valid document: a snippet's wire string, or the client configuration JSON."""
    if kind == "client-config":
        # Imported only for this kind: building the ClientConfig models adds ~50 ms to a snippet check.
        from icekit.clientconfig.model import ClientConfig

        return ClientConfig.from_data(decode_object_or_wire(text, "")).to_json().rstrip("\n")
    model = snippet_model(kind)  # builds this kind's model only
    return model.from_data(decode_object_or_wire(text, model.WIRE_NAME)).to_wire()


@click.command(name="validate")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", default=STDIN, required=False)
@click.pass_context
def command(ctx: click.Context, kind: str, file: str) -> None:
    """Validate KIND read from FILE (or stdin): a wire string or the JSON object; print its canonical form."""
    text = read_text_input(file)
    try:
        canonical = canonical_text(kind, text)
    except InvalidDocumentError as exc:
        for line in exc.with_file(display_name(file)).lines():
            click.echo(f"error: {line}", err=True)
        ctx.exit(EXIT_INVALID_INPUT)
    click.echo(canonical)
