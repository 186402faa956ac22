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
import logging
import warnings
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from pulumi.runtime import known_types, rpc, settings
from pulumi.runtime import resource as pulumi_resource
from pulumi.runtime.config import set_all_config
from pulumi.runtime.mocks import MockEngine, MockMonitor
from pulumi.runtime.proto import source_pb2
from pulumi.runtime.stack import run_in_stack

__all__ = ["PROGRAM_LOGGER", "InlineExecutor", "ProgramRun", "contains_unknowns", "run_program"]

from icekit.plan.collector import collector_policy

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


def contains_unknowns(val: Any) -> bool:
    """`pulumi.runtime.rpc.contains_unknowns`, answer for answer, without its reference cycle: the SDK's
    recursive inner function refers to itself through its closure, so every call (several per Output)
    leaves a cycle only the cyclic collector frees: about 940k of the 1.48M cyclic objects of a 1,000-app
    plan. The parameter keeps the SDK's name, for callers that pass it by keyword."""
    return _scan_for_unknowns(val, set())


# Values of these exact types are never Unknown and hold nothing: the SDK's answer for them is False
# whether or not it saw them before (most of what a plan's inputs hold).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _scan_for_unknowns(value: Any, seen_ids: set[int]) -> bool:
    # The SDK's order exactly: Unknown first (so a repeated Unknown still counts), then each object once.
    if type(value) in _PLAIN:
        return False
    if known_types.is_unknown(value):
        return True
    if id(value) in seen_ids:
        return False
    seen_ids.add(id(value))
    if isinstance(value, dict):
        for key in value:
            if _scan_for_unknowns(value[key], seen_ids):
                return True
    elif isinstance(value, list):
        for item in value:
            if _scan_for_unknowns(item, seen_ids):
                return True
    return False


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
    # With the default thresholds the cyclic collector's passes over the run's growing heap doubled the plan
    # time at 200 apps (bench/plan.py): icekit.plan.collector.
    with collector_policy():
        saved_stack_trace = pulumi_resource._get_stack_trace
        pulumi_resource._get_stack_trace = _no_stack_trace
        # pulumi.output and pulumi.runtime.invoke call it through the module (`rpc.contains_unknowns`).
        saved_contains_unknowns = rpc.contains_unknowns
        rpc.contains_unknowns = contains_unknowns
        try:
            # Provider SDKs also report deprecations through `warnings`, some only on their first import in
            # the process: silenced, so that every plan reports the same messages (the engine log has the
            # program's).
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
            rpc.contains_unknowns = saved_contains_unknowns
            logger.removeHandler(handler)
            logger.propagate = saved_propagate
            run.messages = list(dict.fromkeys(handler.messages))
