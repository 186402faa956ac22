"""`run_plan`: validate a stack file, run the project's Pulumi program on the mock runtime, collect it all."""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from icekit.errors import UserInputError
from icekit.facts.ids import OFFLINE_ACCOUNT_ID
from icekit.plan.collector import collector_policy
from icekit.plan.model import PlannedResource, PlanResult
from icekit.plan.neighbours import stacks_sharing_account_and_region
from icekit.plan.notes import plan_notes
from icekit.program import DEPLOY_ENTRY, PLAN_ENTRY, PLAN_WINDOW, Program, program_module
from icekit.project import StackLocation, locate_stack
from icekit.stack import StackDeclaration, StackFile

if TYPE_CHECKING:  # pulumi is imported only when a program runs
    from icekit.plan.recorder import Recorded

__all__ = ["load_program", "plan_window", "run_plan"]


@functools.cache
def load_program(module_name: str | None = None) -> Program:
    """Imported once per process, so that a plan costs the registrations, not the imports. Default: the
    installed components' program (icekit.program). Its PLAN_ENTRY when it has one, else what __main__.py
    runs."""
    module = importlib.import_module(module_name or program_module())
    main: Program = getattr(module, PLAN_ENTRY, None) or getattr(module, DEPLOY_ENTRY)
    return main


def run_plan(
    stack: str, project_dir: Path = Path("."), *, program: Program | None = None, shards: int | None = None
) -> PlanResult:
    """Plan `stack` (a name under the project's stackConfigDir, or a stack file path) offline.

    Raises UserInputError (file and key path) for a missing, unknown or invalid stack. `program` replaces the
    project's program (tests and benchmarks); by default it is the installed components' program
    (load_program). The stack file and Pulumi.yaml are read once each; the declaration is built once and
    handed to the program. `shards`: processes the apps are planned in (icekit.plan.shards); by default
    several for a large stack of the installed program on several cores, 1 for another program (which
    may not honour ProgramInput.apps).
    """
    from icekit.stack import build_declaration

    location = locate_stack(stack, project_dir)
    stack_file = StackFile.read(location.path)
    declaration = build_declaration(stack_file)
    main = program or load_program()  # imported before the collector's policy freezes the heap
    # The run and the building of its result: thousands of objects, no collector passes over them meanwhile.
    with collector_policy():
        run = functools.partial(_run, main, location, stack_file, declaration)
        count = shards if shards is not None else 1 if program is not None else _shards(declaration)
        if count > 1:
            from icekit.plan.shards import run_in_shards, shard_ranges

            recorded = run_in_shards(run, shard_ranges(len(declaration.apps), count, plan_window()))
        else:
            recorded = run(None)
        return _result(location, stack_file, declaration, recorded)


def plan_window() -> int:
    """The installed program's window (components/program.py PLAN_WINDOW): the shards' boundaries."""
    window: int = getattr(importlib.import_module(program_module()), PLAN_WINDOW)
    return window


def _shards(declaration: StackDeclaration) -> int:
    from icekit.plan.shards import shard_count

    return shard_count(len(declaration.apps), plan_window())


def _run(
    program: Program,
    location: StackLocation,
    stack_file: StackFile,
    declaration: StackDeclaration,
    apps: range | None,
) -> Recorded:
    """Run the program on the mock runtime, the declaration handed over (and the apps to build, for a
    shard), the config fed as the CLI would."""
    # pulumi is imported only now: an invalid stack is reported without loading the SDK.
    from icekit.plan.mocks import OfflineMocks
    from icekit.plan.recorder import Recorded, RecordingMonitor
    from icekit.plan.runtime import run_program
    from icekit.stack import ProgramInput, handed_to_program, runtime_config_of

    feed = runtime_config_of(stack_file.values)
    account_id = declaration.account_id or OFFLINE_ACCOUNT_ID
    monitor = RecordingMonitor(OfflineMocks(account_id=account_id, region=declaration.region))
    try:
        given = ProgramInput(declaration=declaration, stack_file=location.label, apps=apps)
        with handed_to_program(given):
            run = run_program(
                program,
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
    return Recorded(monitor.registrations, monitor.stack_outputs, run.messages)


def _result(
    location: StackLocation, stack_file: StackFile, declaration: StackDeclaration, recorded: Recorded
) -> PlanResult:
    from icekit.plan.order import in_declaration_order

    outputs = recorded.outputs
    client_configs = outputs.get("clientConfigs")
    sharing = stacks_sharing_account_and_region(location, declaration)
    return PlanResult(
        stack=location.name,
        project=location.project.name,
        stackFile=location.label,
        region=declaration.region,
        accountId=declaration.account_id or OFFLINE_ACCOUNT_ID,
        accountIdOffline=declaration.account_id is None,
        environment=declaration.environment,
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
            for r in in_declaration_order(recorded.registrations)
        ],
        outputs=outputs,
        clientConfigs=client_configs if isinstance(client_configs, dict) else {},
        messages=recorded.messages,
        notes=plan_notes(location, declaration, sharing),
        sharedAccountRegion=sharing,
        declaration=declaration,
        guardrails=declaration.guardrails,
        suppressions=declaration.suppressions,
        lineIndex=stack_file.lines,
        projectDir=str(location.project.directory.resolve()),
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
