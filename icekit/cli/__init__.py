"""The `icekit` command. Each verb lives in its own module and is imported only when it runs,
so that `icekit validate` starts fast and never imports pulumi."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from icekit import __version__
from icekit.errors import EXIT_INVALID_INPUT, UserInputError

__all__ = ["EXIT_BROKEN_PIPE", "VERBS", "cli", "main", "stdout_gone"]

# What a shell reports for a process killed by SIGPIPE (128 + 13): `icekit plan dev | head` is not a finding.
EXIT_BROKEN_PIPE = 141

# verb -> (module, one-line help). The module exposes a click command named `command`.
VERBS: dict[str, tuple[str, str]] = {
    "schema": (
        "icekit.cli.schema",
        "Write the JSON Schemas of the request snippets and the client configuration.",
    ),
    "validate": ("icekit.cli.validate", "Validate a CreateUploadMedia snippet or a client configuration."),
    "render": ("icekit.cli.render", "Render client configuration files from `pulumi stack output --json`."),
    "plan": (
        "icekit.cli.plan",
        "Run a stack's Pulumi program offline, check it and render its client configuration.",
    ),
    "check": ("icekit.cli.check", "Check a stack (or standalone RAM policies) against icekit's guardrails."),
    "review": ("icekit.cli.review", "Review what a change does to access and client configuration."),
    "access": ("icekit.cli.access", "Show what each app's role may do, or decide one action (--can)."),
}


class LazyVerbs(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(VERBS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in VERBS:
            return None
        module_name, short_help = VERBS[cmd_name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return _unavailable(cmd_name, short_help)
        command: click.Command = module.command
        command.short_help = command.short_help or short_help
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserInputError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_INVALID_INPUT)
        except BrokenPipeError:
            stdout_gone()


def stdout_gone() -> None:
    """The reader of standard output went away (`| head`): stop quietly, as a SIGPIPE'd tool would."""
    # Python would otherwise complain again when it flushes stdout at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_BROKEN_PIPE)


def _unavailable(name: str, short_help: str) -> click.Command:
    @click.command(name=name, short_help=f"(not available in this build) {short_help}")
    def stub() -> None:
        raise click.ClickException(f"`icekit {name}` is not available in this build")

    return stub


@click.group(cls=LazyVerbs, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="icekit")
def cli() -> None:
    """icekit: provision, check and hand over everything an app needs to call ICE CreateUploadMedia."""


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="icekit")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
