"""A call run in a forked child process, its result (or error) sent back over a pipe: the plan's shards.

The child is a copy of this process (os.fork: the Pulumi SDKs and the program already imported), so it
costs no start-up; it must be forked while no other thread runs (the caller's check). It sends back what
the call returned, or the UserInputError it raised as that error, or any other exception as its traceback
text, and ends with os._exit (no atexit handlers, no buffered output of the parent written twice). A child
that dies without an answer is reported as such once its pipe closes, never waited for forever.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from icekit.errors import UserInputError

__all__ = [
    "ChildFailed",
    "ForkedCall",
    "abandon",
    "child_result",
    "fork_cores",
    "start_child",
    "usable_cores",
]

_RETURNED, _USER_ERROR, _FAILED = "returned", "user-error", "failed"
_EXIT_UNSENT = 70  # the child could not send its answer


def usable_cores() -> int:
    """The cores this process may run on (its affinity, which a container or `taskset` narrows)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def fork_cores() -> int:
    """The cores this process and its forked children may use: usable_cores, but 1 while another thread runs
    (a fork copies no thread, so what it was doing, and any lock it held, would be lost in the child)."""
    return 1 if threading.active_count() > 1 else usable_cores()


class ChildFailed(RuntimeError):
    """An internal error in a child: it raised something other than a UserInputError, or died."""


@dataclass
class ForkedCall:
    pid: int
    pipe: int  # the read end
    label: str  # what the child does, for messages: "plan shard of apps 0-499"
    reaped: bool = False


def start_child(call: Callable[[], Any], label: str) -> ForkedCall:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _answer(call, write_end)
    os.close(write_end)
    return ForkedCall(pid, read_end, label)


def _answer(call: Callable[[], Any], write_end: int) -> NoReturn:
    code = _EXIT_UNSENT
    try:
        try:
            answer: tuple[str, Any] = (_RETURNED, call())
        except UserInputError as error:
            answer = (_USER_ERROR, error)
        except BaseException as error:
            answer = (_FAILED, "".join(traceback.format_exception(error)))
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:
            data = pickle.dumps((_FAILED, f"its answer could not be pickled: {error!r}"))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def child_result(child: ForkedCall) -> Any:
    """What the child's call returned; re-raises its UserInputError; ChildFailed for anything else."""
    read_end, child.pipe = child.pipe, -1  # closed below, whatever happens
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(child.pid, 0)
    child.reaped = True
    if not data:
        raise ChildFailed(f"{child.label}: the process ended ({_ending(status)}) without sending a result")
    kind, value = pickle.loads(data)
    if kind == _USER_ERROR:
        raise value
    if kind == _FAILED:
        raise ChildFailed(f"{child.label} failed:\n{value}")
    return value


def abandon(child: ForkedCall) -> None:
    """A child whose result is no longer wanted (another part failed): ended and reaped."""
    if child.reaped:
        return
    if child.pipe >= 0:
        os.close(child.pipe)
        child.pipe = -1
    with contextlib.suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGKILL)
    os.waitpid(child.pid, 0)
    child.reaped = True


def _ending(status: int) -> str:
    code = os.waitstatus_to_exitcode(status)
    return f"killed by signal {-code}" if code < 0 else f"exit status {code}"
