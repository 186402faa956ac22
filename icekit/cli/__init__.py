"""The `icekit` command. Each verb lives in its own module and is imported only when it runs, so that
`icekit validate` starts fast and never imports pulumi; `icekit --help` lists the verbs from VERBS, the one
home of their short help, without importing any."""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import os
import sys
from dataclasses import dataclass
from typing import Any

import click

from icekit import __version__
from icekit.errors import EXIT_INVALID_INPUT, UserInputError
from icekit.lazy import import_home

__all__ = [
    "EXIT_BROKEN_PIPE",
    "VERBS",
    "Invocation",
    "cli",
    "main",
    "process_ends_after_command",
    "run",
    "stdout_gone",
    "stdout_unwritable",
]

# How writing to standard output fails when its file cannot take more (`> /dev/full`, a full disk or quota);
# icekit's own file writes turn their OSErrors into UserInputErrors (icekit.render.atomic).
_STDOUT_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})

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
    "sandbox": (
        "icekit.cli.sandbox",
        "Serve the stack's STS, ICE and OSS on loopback, enforcing its RAM policies.",
    ),
    "init": ("icekit.cli.init", "Make a new project (stacks, policies, workflow) on the installed icekit."),
    "upload": ("icekit.cli.upload", "Upload files for an app of a client configuration (official SDKs)."),
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
            module = import_home(module_name, "command")
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return _unavailable(cmd_name, short_help)
        command: click.Command = module.command
        command.short_help = short_help
        if process_ends_after_command(ctx) and not gc.isenabled():
            _start_up_done()
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The verbs and their short help as click would list them, without importing a verb's module."""
        import importlib.util  # only for help

        rows = []
        for name in self.list_commands(ctx):
            module_name, short_help = VERBS[name]
            if importlib.util.find_spec(module_name) is None:  # what get_command reports as unavailable
                short_help = f"{_UNAVAILABLE} {short_help}"
            rows.append((name, short_help))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            try:
                return super().invoke(ctx)
            finally:  # what is still buffered fails here, not at exit where Python would only complain
                sys.stdout.flush()
        except UserInputError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_INVALID_INPUT)
        except BrokenPipeError:
            stdout_gone()
        except OSError as exc:
            if exc.filename is not None or exc.errno not in _STDOUT_WRITE_ERRORS:
                raise
            stdout_unwritable(exc)


def stdout_unwritable(exc: OSError) -> None:
    """Standard output cannot take what icekit writes (`> /dev/full`, a full disk): say so on stderr and exit
    2, never 1, which CI reads as "findings"."""
    click.echo(f"error: <stdout>: cannot write the output ({exc.strerror or exc})", err=True)
    _detach_stdout()
    sys.exit(EXIT_INVALID_INPUT)


def _detach_stdout() -> None:
    # Python would otherwise fail again when it flushes stdout at exit.
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def stdout_gone() -> None:
    """The reader of standard output went away (`| head`): stop quietly, as a SIGPIPE'd tool would."""
    _detach_stdout()
    sys.exit(EXIT_BROKEN_PIPE)


_UNAVAILABLE = "(not available in this build)"


def _unavailable(name: str, short_help: str) -> click.Command:
    @click.command(name=name, short_help=f"{_UNAVAILABLE} {short_help}")
    def stub() -> None:
        raise click.ClickException(f"`icekit {name}` is not available in this build")

    return stub


@click.group(cls=LazyVerbs, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="icekit")
def cli() -> None:
    """icekit: provision, check and hand over everything an app needs to call ICE CreateUploadMedia."""


@dataclass(frozen=True)
class Invocation:
    """How the verbs were called (the click context's object). `ends_process`: by the console script, whose
    process ends after the command, so what a verb leaves behind need not be freed (icekit.plan.collector);
    not by a test or a program that calls `main` and goes on."""

    ends_process: bool = False


def process_ends_after_command(context: click.Context | None = None) -> bool:
    """Whether the running verb (or the one `context` runs) was called by the console script (`run`)."""
    context = context or click.get_current_context(silent=True)
    invocation = context.find_object(Invocation) if context is not None else None
    return invocation is not None and invocation.ends_process


def _start_up_done() -> None:
    """The console script starts with the collector off (icekit.console): what the imports made is frozen,
    and the collector is on for the verb."""
    gc.freeze()
    gc.enable()


def run() -> None:
    """The `icekit` console script and `python -m icekit.cli`: `main`, whose heap is then left to the end of
    the process. Python's exit would walk and free it object by object after the output was written: 0.5-0.7
    s after `icekit check` of 1,000 apps, 0.04 s frozen (docs/plan.md)."""
    try:
        main(sys.argv[1:], ends_process=True)
    finally:
        gc.freeze()


def main(argv: list[str] | None = None, *, ends_process: bool = False) -> None:
    try:
        cli.main(args=argv, prog_name="icekit", obj=Invocation(ends_process))
    except OSError as exc:  # `icekit --help > /dev/full`: written before any verb runs
        if exc.filename is not None or exc.errno not in _STDOUT_WRITE_ERRORS:
            raise
        stdout_unwritable(exc)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
