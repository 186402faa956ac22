"""`icekit sandbox STACK`: the stack's upload path (STS, ICE, OSS) on loopback, enforcing its RAM policies.

docs/sandbox.md describes the verb and the ready file; docs/sandbox-protocols.md what each service reproduces.
"""

from __future__ import annotations

import ipaddress
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

import click

from icekit.cli.options import project_dir_option
from icekit.errors import EXIT_OK, UserInputError

__all__ = ["command", "pairs"]


def pairs(values: Sequence[str], option: str) -> dict[str, str]:
    """`NAME=VALUE` options as a mapping; anything else is a user mistake."""
    found: dict[str, str] = {}
    for value in values:
        name, sep, given = value.partition("=")
        if not sep or not name or not given:
            raise UserInputError(f"{value!r} is not NAME=VALUE", key_path=option)
        found[name] = given
    return found


def _source_ip(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise UserInputError(f"{value!r} is not an IP address", key_path="--source-ip") from None


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    return stop


@click.command(name="sandbox")
@click.argument("stack")
@project_dir_option()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback).")
@click.option(
    "--port",
    type=click.IntRange(0, 65533),
    default=0,
    show_default=True,
    help="0: three free ports; P: STS on P, ICE on P+1, OSS on P+2.",
)
@click.option(
    "--state-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Media, objects, events, keys; kept across restarts. [default: .icekit/sandbox/STACK]",
)
@click.option(
    "--ready-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="JSON written once serving (endpoints, principals, ...). [default: STATE/ready.json]",
)
@click.option(
    "--callback-url",
    multiple=True,
    metavar="NAME=URL",
    help="Post a declared callback's events (name or URL) to a local receiver.",
)
@click.option(
    "--callback-key",
    multiple=True,
    metavar="NAME=KEY",
    help="The auth key a declared HTTP callback signs with (default: random, kept).",
)
@click.option("--source-ip", default=None, help="The acs:SourceIp every request has (default: the socket's).")
@click.option(
    "--secure-transport",
    is_flag=True,
    default=False,
    help="acs:SecureTransport is true (default: whether the connection is TLS).",
)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="The request log on stderr: text, or JSON lines.",
)
@click.option("--allow-remote", is_flag=True, default=False, help="Allow a --host that is not loopback.")
def command(
    stack: str,
    project_dir: Path,
    host: str,
    port: int,
    state_dir: Path | None,
    ready_file: Path | None,
    callback_url: tuple[str, ...],
    callback_key: tuple[str, ...],
    source_ip: str | None,
    secure_transport: bool,
    log_format: str,
    allow_remote: bool,
) -> None:
    """Serve STACK's STS, ICE and OSS on 127.0.0.1 for the official SDKs, its RAM policies enforced.

    Stops on Ctrl-C or SIGTERM. Exit codes: 0 stopped; 2 invalid input (nothing served).
    """
    from icekit.sandbox.runner import SandboxOptions
    from icekit.sandbox.serving import require_loopback
    from icekit.sandbox.session import SandboxRun, serve_until

    options = SandboxOptions(
        host=require_loopback(host, allow_remote=allow_remote),
        port=port,
        allow_remote=allow_remote,
        callback_urls=pairs(callback_url, "--callback-url"),
        callback_keys=pairs(callback_key, "--callback-key"),
        source_ip=_source_ip(source_ip),
        secure_transport=True if secure_transport else None,
    )
    run = SandboxRun(
        stack, project_dir, state_dir, ready_file, options, "json" if log_format == "json" else "text"
    )
    serve_until(run, _stop_on_signals(), sys.stderr)
    sys.exit(EXIT_OK)
