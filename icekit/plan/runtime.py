"""Running a Pulumi program on the SDK's mock runtime, leaving no global Pulumi state behind.

This follows what the SDK's own language host does for an inline program (pulumi/automation/_server.py `Run`):
reset the settings, set the config, run `run_in_stack(program)` on a fresh event loop. Everything happens
inside a copy of the current `contextvars` context (Pulumi keeps its settings, root resource and config in
context variables), so the caller's state is untouched and the next run starts clean.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import contextvars
import gc
import logging
import warnings
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from pulumi.runtime import resource as pulumi_resource
from pulumi.runtime import settings
from pulumi.runtime.config import set_all_config
from pulumi.runtime.mocks import MockEngine, MockMonitor
from pulumi.runtime.proto import source_pb2
from pulumi.runtime.stack import run_in_stack

__all__ = ["PROGRAM_LOGGER", "InlineExecutor", "ProgramRun", "run_program"]


_RUN_GC_THRESHOLDS = (500_000, 100, 100)
# What the program logs through Pulumi (pulumi.log.warn, deprecated provider fields) arrives here.
PROGRAM_LOGGER = "icekit.plan.program"


class InlineExecutor(concurrent.futures.ThreadPoolExecutor):
    """Runs each job at once on the calling thread.

    The SDK sends every RPC through `loop.run_in_executor`; with a mock monitor that answers synchronously,
    running it inline keeps registration order deterministic and saves a thread hand-off per resource.
    """

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def _no_stack_trace() -> source_pb2.StackTrace:
    """The SDK walks the Python stack at every registration to tell the engine where a resource was declared
    (pulumi/runtime/resource.py `_get_stack_trace`, one `Path.as_uri()` per frame). A mock monitor has no use
    for it, and it was a tenth of the plan's time."""
    return source_pb2.StackTrace()


class _CollectingHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


class ProgramRun:
    """The messages the program logged (warnings and errors) during one run."""

    def __init__(self) -> None:
        self.messages: list[str] = []


def run_program(
    program: Callable[[], Awaitable[None] | None],
    *,
    monitor: MockMonitor,
    project: str,
    stack: str,
    config: Mapping[str, str],
    secret_keys: Sequence[str],
    root_directory: str,
) -> ProgramRun:
    """Run `program` as the body of stack `stack`; resources go to `monitor`. Re-raises its error."""
    run = ProgramRun()
    context = contextvars.copy_context()
    context.run(_run_isolated, program, monitor, project, stack, config, secret_keys, root_directory, run)
    return run


def _run_isolated(
    program: Callable[[], Awaitable[None] | None],
    monitor: MockMonitor,
    project: str,
    stack: str,
    config: Mapping[str, str],
    secret_keys: Sequence[str],
    root_directory: str,
    run: ProgramRun,
) -> None:
    handler = _CollectingHandler()
    logger = logging.getLogger(PROGRAM_LOGGER)
    saved_propagate = logger.propagate
    logger.propagate = False  # the plan reports them; not also on stderr
    logger.addHandler(handler)
    settings.reset_options(project=project, stack=stack, root_directory=root_directory, preview=False)
    settings.configure(
        settings.Settings(
            project=project,
            stack=stack,
            monitor=monitor,
            engine=MockEngine(logger),
            dry_run=False,
            organization="organization",
            root_directory=root_directory,
        )
    )
    set_all_config(dict(config), list(secret_keys))

    loop = asyncio.new_event_loop()
    loop.set_default_executor(InlineExecutor(max_workers=1))
    # A run allocates many long-lived objects (outputs, tasks, closures): with the default thresholds the
    # cyclic collector's passes over that growing heap doubled the plan time at 200 apps (bench/plan.py).
    saved_thresholds = gc.get_threshold()
    gc.set_threshold(*_RUN_GC_THRESHOLDS)
    saved_stack_trace = pulumi_resource._get_stack_trace
    pulumi_resource._get_stack_trace = _no_stack_trace
    try:
        # Provider SDKs also report deprecations through `warnings`, some only on their first import in the
        # process: silenced, so that every plan reports the same messages (the engine log has the program's).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loop.run_until_complete(run_in_stack(program))
    finally:
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                loop.run_until_complete(task)
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()
        pulumi_resource._get_stack_trace = saved_stack_trace
        gc.set_threshold(*saved_thresholds)
        logger.removeHandler(handler)
        logger.propagate = saved_propagate
        run.messages = list(dict.fromkeys(handler.messages))
