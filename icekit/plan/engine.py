"""`run_plan`: validate a stack file, run the project's Pulumi program on the mock runtime, collect it all."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Awaitable, Callable
from pathlib import Path

from icekit.errors import UserInputError
from icekit.facts.ids import OFFLINE_ACCOUNT_ID
from icekit.plan.model import PlannedResource, PlanResult
from icekit.project import locate_stack

__all__ = ["PROGRAM_MODULE", "load_program", "run_plan"]

# The Pulumi program, as __main__.py runs it (`from components.program import main; main()`).
PROGRAM_MODULE = "components.program"

Program = Callable[[], Awaitable[None] | None]


@functools.cache
def load_program(module_name: str = PROGRAM_MODULE) -> Program:
    """Imported once per process, so that a plan costs the registrations, not the imports."""
    main: Program = importlib.import_module(module_name).main
    return main


def run_plan(stack: str, project_dir: Path = Path("."), *, program: Program | None = None) -> PlanResult:
    """Plan `stack` (a name under the project's stackConfigDir, or a stack file path) offline.

    Raises UserInputError (file and key path) for a missing, unknown or invalid stack. `program` replaces the
    project's program (tests and benchmarks); by default it is `components.program.main`.
    """
    # the declaration model, and the config the CLI would feed, are the spec's job
    from icekit.stack import StackFile, build_declaration, runtime_config_of

    location = locate_stack(stack, project_dir)
    stack_file = StackFile.read(location.path)
    spec = build_declaration(stack_file)
    feed = runtime_config_of(stack_file.values)

    # pulumi is imported only now: an invalid stack is reported without loading the SDK.
    from icekit.plan.mocks import OfflineMocks
    from icekit.plan.recorder import RecordingMonitor
    from icekit.plan.runtime import run_program

    account_id = spec.account_id or OFFLINE_ACCOUNT_ID
    monitor = RecordingMonitor(OfflineMocks(account_id=account_id, region=spec.region))
    try:
        run = run_program(
            program or load_program(),
            monitor=monitor,
            project=location.project.name,
            stack=location.name,
            config=feed.values,
            secret_keys=feed.secret_keys,
            root_directory=str(location.project.directory),
        )
    except Exception as exc:
        user_error = _user_error_in(exc)
        if user_error is None:
            raise
        if user_error.file is None:
            user_error.file = location.label
        raise user_error from None

    outputs = monitor.stack_outputs
    client_configs = outputs.get("clientConfigs")
    return PlanResult(
        stack=location.name,
        project=location.project.name,
        stackFile=location.label,
        region=spec.region,
        accountId=account_id,
        accountIdOffline=spec.account_id is None,
        environment=spec.environment,
        resources=[
            PlannedResource(
                urn=r.urn,
                type=r.type,
                name=r.name,
                parent=r.parent,
                custom=r.custom,
                inputs=r.inputs,
                declarationPath=r.declaration_path,
            )
            for r in monitor.registrations
        ],
        outputs=outputs,
        clientConfigs=client_configs if isinstance(client_configs, dict) else {},
        messages=run.messages,
    )


def _user_error_in(exc: BaseException | None) -> UserInputError | None:
    """The program's UserInputError, however deep the SDK wrapped it (`raise ... from`)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, UserInputError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None
