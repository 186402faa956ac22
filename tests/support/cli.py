"""Running `icekit VERB ...` in a test, the one way tests do it.

`run_icekit` runs the command in this process (click's CliRunner on `icekit.cli.cli`): the imports (pulumi,
the provider SDK, the rules) are paid once per test worker instead of once per call, which made a cold
`icekit plan` subprocess cost 1-3 s. `run_icekit_process` runs the installed console script in a fresh
process; each verb keeps one smoke test that way, for what only a real process shows (the entry point,
nothing else printed on stderr, exit status of the interpreter).

Both return a `CliRun` with the same fields, so an assertion reads the same whichever way the command ran:
- stdout and stderr are kept apart (click >= 8.2 CliRunner does; `Result.output` would interleave them);
- an exception that escapes the command is appended to stderr as the interpreter would print it
  ("Traceback (most recent call last): ..."), and the exit code is 1, so `"Traceback" not in stderr` keeps
  its meaning in process;
- the command runs in `cwd` (default: the current directory), as a subprocess started there would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

__all__ = ["ICEKIT_SCRIPT", "CliRun", "run_command", "run_icekit", "run_icekit_process"]

# The console script (`[project.scripts] icekit = "icekit.console:run"`) installed beside this interpreter.
ICEKIT_SCRIPT = Path(sys.executable).with_name("icekit")
_PROCESS_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class CliRun:
    """What a user sees of one `icekit` run (fields named like subprocess.CompletedProcess's)."""

    returncode: int
    stdout: str
    stderr: str

    # The names click's Result uses, so tests written against CliRunner read unchanged.
    @property
    def exit_code(self) -> int:
        return self.returncode

    @property
    def output(self) -> str:
        """Both streams (stdout, then stderr; not interleaved): for what must appear on neither."""
        return self.stdout + self.stderr


@contextmanager
def _working_directory(cwd: Path | None) -> Iterator[None]:
    if cwd is None:
        yield
        return
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(previous)


def run_icekit(*args: str, cwd: Path | None = None, stdin: str | bytes | None = None) -> CliRun:
    """`icekit ARGS...` in this process."""
    # Imported here: a test module that only names CliRun does not load the command group.
    from icekit.cli import cli

    with _working_directory(cwd):
        result = CliRunner().invoke(cli, list(args), input=stdin, prog_name="icekit")
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return CliRun(returncode=result.exit_code, stdout=result.stdout, stderr=stderr)


def run_icekit_process(*args: str, cwd: Path | None = None, stdin: str | None = None) -> CliRun:
    """`icekit ARGS...` as the installed console script, in a fresh process."""
    assert ICEKIT_SCRIPT.is_file(), f"{ICEKIT_SCRIPT}: the console script is not installed (make env)"
    return run_command([str(ICEKIT_SCRIPT), *args], cwd=cwd, stdin=stdin)


def run_command(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    stdin: str | None = None,
    env: Mapping[str, str] | None = None,
) -> CliRun:
    """A command in a fresh process: the console script, or `icekit` as a hook runner finds it on PATH."""
    done = subprocess.run(
        list(argv),
        cwd=cwd,
        input=stdin,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        timeout=_PROCESS_TIMEOUT_SECONDS,
        check=False,
    )
    return CliRun(returncode=done.returncode, stdout=done.stdout, stderr=done.stderr)
