"""One run of `icekit sandbox STACK`: plan the stack offline, start its sandbox, write the ready file, log
every request and delivery, and stop cleanly when told (the verb: on Ctrl-C or SIGTERM; tests: an Event).

The ready file is written atomically and privately (it holds the principals' secrets and the callback keys)
once every port listens, and removed when the sandbox stops, so that its presence means "serving".
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from icekit.errors import UserInputError
from icekit.facts.events import closest_event, is_known_event
from icekit.sandbox.atomic_files import write_bytes_atomically
from icekit.sandbox.log_lines import LogFormat, SandboxLog
from icekit.sandbox.runner import RunningSandbox, SandboxOptions, check_options, start_sandbox
from icekit.sandbox.stack_setup import SandboxStack, sandbox_stack
from icekit.sandbox.state import StateDirectory

__all__ = ["READY_FILE_NAME", "SandboxRun", "default_state_dir", "serve_until"]

READY_FILE_NAME = "ready.json"


def default_state_dir(project_dir: Path, stack: str) -> Path:
    return project_dir / ".icekit" / "sandbox" / stack


@dataclass(frozen=True)
class SandboxRun:
    stack: str  # a stack name or a path to a Pulumi.<stack>.yaml, as `icekit plan` takes it
    project_dir: Path
    state_dir: Path | None = None  # default: <project>/.icekit/sandbox/<stack>
    ready_file: Path | None = None  # default: <state dir>/ready.json
    options: SandboxOptions = field(default_factory=SandboxOptions)
    log_format: LogFormat = "text"


def _write_ready_file(path: Path, sandbox: RunningSandbox) -> None:
    text = json.dumps(sandbox.ready_document(), indent=2) + "\n"  # the key order
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(path, text.encode("utf-8"), private=True)
    except OSError as error:
        raise UserInputError(f"cannot write the ready file ({error.strerror or error})", file=path) from None


def _warn_about_events(stack: SandboxStack, log: SandboxLog) -> None:
    """ICE sends nothing for a name it does not know: say so, once, at the start."""
    names = (stack.event_callback or {}).get("EventTypeList", "")
    for name in filter(None, (part.strip() for part in names.split(","))):
        if not is_known_event(name):
            hint = closest_event(name)
            meant = f" (did you mean {hint}?)" if hint else ""
            log.note(
                f"the region's event callback subscribes to {name!r}, which is not an ICE event{meant}: "
                "no event of that name is ever sent"
            )


def _started(sandbox: RunningSandbox, ready_file: Path, state_dir: Path) -> str:
    principals = ", ".join(f"{key.principal.arn} ({key.access_key_id})" for key in sandbox.principals)
    return (
        f"serving stack {sandbox.stack.stack} ({sandbox.stack.region}): sts {sandbox.sts.url}, "
        f"ice {sandbox.ice.url}, oss {sandbox.oss.url}; principals {principals or 'none'}; "
        f"state {state_dir}; ready file {ready_file} (holds the secrets)"
    )


def serve_until(run: SandboxRun, stop: threading.Event, stream: TextIO) -> None:
    """Serve until `stop` is set. Bad input (stack, options, ready file) is a UserInputError, raised before
    anything listens or with every server stopped again."""
    from icekit.plan import run_plan  # pulumi's mock runtime: loaded only when a sandbox starts

    stack = sandbox_stack(run_plan(run.stack, run.project_dir))
    check_options(stack, run.options)
    state_dir = run.state_dir or default_state_dir(run.project_dir, stack.stack)
    ready_file = run.ready_file or state_dir / READY_FILE_NAME
    log = SandboxLog(stream, run.log_format)
    _warn_about_events(stack, log)
    sandbox = start_sandbox(
        stack, StateDirectory(state_dir), run.options, on_record=log.request, on_delivery=log.delivery
    )
    try:
        _write_ready_file(ready_file, sandbox)
        log.note(_started(sandbox, ready_file, state_dir))
        stop.wait()
    finally:
        sandbox.stop()
        ready_file.unlink(missing_ok=True)
        log.note("stopped")
