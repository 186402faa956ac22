"""How much does `icekit plan` cost on top of the Pulumi mock runtime itself?

For 1, 20 and 200 generated applications (or --sizes) this measures, in one run:
  plan   `icekit.plan.run_plan` on a generated stack: read and validate the stack file, run the real program
         (its plan entry, components.program.plan_main: apps built PLAN_WINDOW at a time) on the mock
         runtime, record and mask every registration, build the result.
  bare   the same resources (same types, names, parents, inputs and dependencies; secrets as secrets)
         registered by a program that is only a list of constructor calls (the pulumi_alicloud classes; bare
         `ComponentResource`s for icekit's components), exporting the same stack outputs (the plan's client
         configurations as plain values, `callbackAuthKeys` as a secret), on the same runtime
         (icekit.plan.runtime: recording monitor, mocks, inline executor). No stack file, no declaration
         model, no icekit component code. Before timing, the bench checks that it registers and exports
         exactly what the plan did (dependencies included). It makes its resources in the plan's windows
         (every PLAN_WINDOW apps' roles awaited before the next app's resources are made).
  at-once  the bare program making every resource at once, as `main` (the deploy entry) does: what the
         windows change.
  sdk    the same bare program run the way a Pulumi unit test runs it (the SDK's stock MockMonitor, thread
         pool executor, default GC settings), for reference.
Repetitions are interleaved (every size and variant once per round, the order of the variants rotating), and
each time is the CPU time of this process for one call plus collecting the garbage it left (see
`cpu_seconds`). It prints the median (and min) per size and variant, plan/bare of the medians (and of the
mins), plan/sdk, and the per-app cost between sizes from the medians (linear growth: about the same).

    .venv/bin/python bench/plan.py [--sizes 1,20,200] [--reps 7] [--no-sdk] [--program module:function]

With --program the bare program makes everything at once (there is no at-once column).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import contextvars
import gc
import importlib
import itertools
import re
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime import settings
from pulumi.runtime.mocks import MockEngine, MockMonitor, MockResourceArgs, Mocks, MockSettings
from pulumi.runtime.stack import run_in_stack
from scaled_stack import scaled_stack_document, write_stack_project

from components.program import PLAN_WINDOW
from icekit.facts.type_tokens import RAM_ROLE as ROLE
from icekit.facts.type_tokens import UPLOAD_PROFILE as PROFILE
from icekit.plan import PlanResult, run_plan
from icekit.plan.engine import load_program
from icekit.plan.mocks import OfflineMocks
from icekit.plan.recorder import RecordingMonitor
from icekit.plan.runtime import run_program
from icekit.program import Program
from icekit.secrets import MASK
from icekit.stack import RuntimeConfig, runtime_config

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "stacks" / "Pulumi.dev.yaml"


def generated_stack(project: Path, apps: int) -> str:
    """A stack like dev with `apps` applications, cycling through dev's app declarations."""
    write_stack_project(project, "bench", scaled_stack_document(TEMPLATE, apps))
    return "bench"


def _snake(key: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower()


def _resource_class(type_token: str) -> Any:
    """The provider SDK's class for a type token (`alicloud:ram/role:Role` -> pulumi_alicloud.ram.Role)."""
    package, module, name = type_token.split(":")
    if package != "alicloud":
        return None
    return getattr(importlib.import_module(f"pulumi_alicloud.{module.split('/')[0]}"), name)


def _auth_key_apps(plan: PlanResult) -> list[str]:
    """The apps whose `callbackAuthKeys` entry the program exports (authenticated HTTP callbacks)."""
    apps = []
    for app, config in plan.clientConfigs.items():
        callback = config.get("callback") or {}
        if callback.get("kind") == "http" and callback.get("authEnabled"):
            apps.append(app)
    return apps


class DependencyCapture:
    """The dependencies (URNs) of each registration as the monitor receives them; only while `watching`, for
    the untimed runs that build and check the bare program."""

    def __init__(self) -> None:
        self.by_urn: dict[str, list[str]] = {}

    @contextlib.contextmanager
    def watching(self) -> Iterator[DependencyCapture]:
        original = RecordingMonitor.RegisterResource

        def register(monitor: RecordingMonitor, request: Any) -> Any:
            response = original(monitor, request)
            self.by_urn[response.urn] = sorted(request.dependencies)
            return response

        RecordingMonitor.RegisterResource = register  # type: ignore[method-assign,assignment]
        try:
            yield self
        finally:
            RecordingMonitor.RegisterResource = original  # type: ignore[method-assign]


def bare_program(
    plan: PlanResult, dependencies: dict[str, list[str]], window: int | None
) -> Callable[[], Awaitable[None]]:
    """Registers exactly the plan's resources with the provider SDK's own classes and exports the plan's stack
    outputs, and nothing else: no stack file, no declaration model, no icekit components (bare
    `ComponentResource`s with the same props), no client configuration built (the plan's is exported as is).
    Secrets stay secrets: masked inputs become secret Outputs, `callbackAuthKeys` a secret object.
    `window`: as the plan's entry does (components.program.plan_main), the roles of every `window` apps are
    awaited before the next app's resources are made; None: everything at once, as `main` does."""

    def unmask(value: Any, snake: bool) -> Any:
        if value == MASK:
            return pulumi.Output.secret("offline")
        if isinstance(value, dict):
            return {(_snake(k) if snake else k): unmask(v, snake) for k, v in value.items()}
        if isinstance(value, list):
            return [unmask(v, snake) for v in value]
        return value

    declared = [
        (r.type, r.name, r.parent, r.custom, r.inputs, r.urn, dependencies.get(r.urn, []))
        for r in plan.resources
    ]
    exports = {key: value for key, value in plan.outputs.items() if key != "callbackAuthKeys"}
    auth_key_apps = _auth_key_apps(plan)

    async def program() -> None:
        # Outputs belong to the run's event loop: secrets are made here, not ahead of time.
        made: dict[str, pulumi.Resource] = {}
        apps, role_arns = 0, list[pulumi.Output[str]]()
        for type_, name, parent, custom, inputs, urn, depends in declared:
            if type_ == PROFILE and window is not None:
                if apps and apps % window == 0:
                    await asyncio.gather(*(arn.future() for arn in role_arns))
                    role_arns.clear()
                apps += 1
            # the plan's dependency edges (Outputs of other resources, depends_on) as explicit depends_on
            opts = pulumi.ResourceOptions(
                parent=made[parent] if parent else None, depends_on=[made[dep] for dep in depends] or None
            )
            cls = _resource_class(type_) if custom else None
            if cls is not None:
                made[urn] = cls(name, opts=opts, **unmask(inputs, snake=True))
                if type_ == ROLE:
                    role_arns.append(made[urn].arn)  # type: ignore[attr-defined]
            elif custom:
                made[urn] = pulumi.CustomResource(type_, name, unmask(inputs, snake=False), opts)
            else:
                made[urn] = pulumi.ComponentResource(type_, name, unmask(inputs, snake=False), opts)
        for key, value in exports.items():
            pulumi.export(key, value)
        if "callbackAuthKeys" in plan.outputs:
            # one secret and one apply (Output.secret of a dict would lift every entry into an Output)
            keys = pulumi.Output.secret("offline").apply(lambda key: {app: key for app in auth_key_apps})
            pulumi.export("callbackAuthKeys", keys)

    return program


class EchoMocks(Mocks):
    """The usual unit-test mocks: id = name, outputs = inputs."""

    def new_resource(self, args: MockResourceArgs) -> tuple[str, dict[str, Any]]:
        return f"{args.name}_id", args.inputs

    def call(self, args: Any) -> tuple[dict[str, Any], None]:
        return {}, None


def run_bare(program: Program, plan: PlanResult, config: RuntimeConfig | None = None) -> RecordingMonitor:
    """The bare program on the plan's runtime (icekit.plan.runtime, same monitor and mocks, and the same
    config set, made ahead of time: the bare program does not read it)."""
    monitor = RecordingMonitor(OfflineMocks(account_id=plan.accountId, region=plan.region))
    config = config or RuntimeConfig(values={}, secret_keys=[])
    run_program(
        program,
        monitor=monitor,
        project=plan.project,
        stack=plan.stack,
        config=config.values,
        secret_keys=config.secret_keys,
        root_directory=str(ROOT),
    )
    return monitor


def run_stock_sdk(program: Program, plan: PlanResult) -> None:
    """The bare program the way a Pulumi unit test runs: the SDK's MockMonitor, a thread pool, default GC."""

    def run() -> None:
        settings.reset_options(project=plan.project, stack=plan.stack, preview=False)
        settings.configure(
            MockSettings(  # type: ignore[no-untyped-call]
                monitor=MockMonitor(EchoMocks()),
                engine=MockEngine(None),
                project=plan.project,
                stack=plan.stack,
                dry_run=False,
                organization="organization",
                callbacks=None,
            )
        )
        # The stock monitor runs the mocks on pool threads, where the SDK makes an event loop per thread
        # (sync_await._ensure_event_loop) and never closes it; made here instead, so that they are closed.
        thread_loops: list[asyncio.AbstractEventLoop] = []

        def thread_loop() -> None:
            thread_loops.append(asyncio.new_event_loop())
            asyncio.set_event_loop(thread_loops[-1])

        loop = asyncio.new_event_loop()
        loop.set_default_executor(concurrent.futures.ThreadPoolExecutor(initializer=thread_loop))
        try:
            loop.run_until_complete(run_in_stack(program))
        finally:
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()
            for leftover in thread_loops:
                leftover.close()

    contextvars.copy_context().run(run)


def same_registrations(
    plan: PlanResult, planned_deps: DependencyCapture, monitor: RecordingMonitor, bare_deps: DependencyCapture
) -> bool:
    """Same resources (type, name, parent, inputs, dependencies) and the same stack outputs (both masked)."""
    planned = sorted(
        (r.type, r.name, r.parent or "", repr(r.inputs), planned_deps.by_urn[r.urn]) for r in plan.resources
    )
    replayed = sorted(
        (r.type, r.name, r.parent or "", repr(r.inputs), bare_deps.by_urn[r.urn])
        for r in monitor.registrations
    )
    return planned == replayed and plan.outputs == monitor.stack_outputs


def cpu_seconds(fn: Callable[[], object]) -> float:
    """CPU time of one call, including collecting the garbage it left (an explicit full collection).

    A run on Pulumi's runtime leaves much cyclic garbage (tasks, futures, Outputs, resources); the plan's
    runtime defers the cyclic collector while the program runs. Without the final collection, whichever
    variant allocates after the run (the plan builds its result) would pay for collecting it and the other
    (bare) would not. What earlier runs left is collected first, and the heap as it is then (the imported
    modules) is frozen while timing, so that the collection counts the run's own objects, not a fixed cost
    that would dilute the ratio at small sizes.
    """
    gc.collect()
    gc.freeze()
    try:
        start = time.process_time()
        fn()
        gc.collect()
        return time.process_time() - start
    finally:
        gc.unfreeze()


CALLS_PER_REP_BUDGET = 20  # apps x calls per repetition: 1 app -> 20 calls, 20 apps and more -> 1


class Case:
    """One stack size: the plan and the bare program to time, and their times so far."""

    def __init__(self, size: int, workdir: Path, program: Program | None, sdk: bool) -> None:
        project = workdir / f"p{size}"
        stack = generated_stack(project, size)
        # In one process (shards=1), as the bare program runs: its registrations are watched here, and
        # the CPU time compared is this process's.
        with DependencyCapture().watching() as planned_deps:  # warm-up, and the resources to replay
            plan = run_plan(stack, project, program=program, shards=1)
        # the plan's own entry registers in windows (components.program.plan_main); another program at once
        bare = bare_program(plan, planned_deps.by_urn, PLAN_WINDOW if program is None else None)
        at_once = bare_program(plan, planned_deps.by_urn, None)
        config = runtime_config(project / "stacks" / f"Pulumi.{stack}.yaml")
        with DependencyCapture().watching() as bare_deps:
            replayed = run_bare(bare, plan, config)
        if not same_registrations(plan, planned_deps, replayed, bare_deps):
            raise SystemExit(f"{size} apps: the bare program does not register/export what the plan did")
        self.size = size
        # Small stacks run in milliseconds, where one scheduler hiccup moves a single timing by tens of
        # percent: each repetition of a small size times several back-to-back calls and keeps their mean
        # (as timeit does), the same number for every variant.
        self.calls = max(1, CALLS_PER_REP_BUDGET // size)
        self.resources = len(plan.resources)
        self.variants: dict[str, Callable[[], object]] = {
            "plan": lambda: run_plan(stack, project, program=program, shards=1),
            "bare": lambda: run_bare(bare, plan, config),
        }
        if program is None:
            self.variants["at-once"] = lambda: run_bare(at_once, plan, config)
        if sdk:
            self.variants["sdk"] = lambda: run_stock_sdk(at_once, plan)
        self.times: dict[str, list[float]] = {name: [] for name in self.variants}

    def run_once(self, rotation: int) -> None:
        """Each variant once; the order rotates between repetitions (no variant always runs first)."""
        names = list(self.variants)
        shift = rotation % len(names)
        for name in names[shift:] + names[:shift]:
            calls = [cpu_seconds(self.variants[name]) for _ in range(self.calls)]
            self.times[name].append(statistics.fmean(calls))

    def median(self, name: str) -> float:
        return statistics.median(self.times[name])

    def best(self, name: str) -> float:
        return min(self.times[name])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1,20,200")
    parser.add_argument("--reps", type=int, default=7, help="interleaved repetitions (default 7)")
    parser.add_argument("--no-sdk", action="store_true", help="skip the stock-SDK reference column")
    parser.add_argument("--program", default=None, help="module:function instead of components.program:main")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    program = None
    if options.program:
        module, _, function = options.program.partition(":")
        program = getattr(importlib.import_module(module), function)
    else:
        load_program()  # imports once, as every plan after the first one in a process

    with tempfile.TemporaryDirectory() as tmp:
        cases = [Case(size, Path(tmp), program, sdk=not options.no_sdk) for size in sizes]
        # Interleaved: every repetition runs every size and variant, so a slow spell of the (shared) machine
        # hits all of them alike rather than one size or one variant.
        for rep in range(options.reps):
            for case in cases:
                case.run_once(rep)

    print(
        f"CPU seconds, median (min) of {options.reps} interleaved repetitions "
        f"(a repetition of a small stack is the mean of {CALLS_PER_REP_BUDGET} // apps back-to-back calls)"
    )
    names = list(cases[0].variants)
    others = [name for name in names if name != "plan"]
    header = f"{'apps':>5} {'resources':>9} " + " ".join(f"{name:>15}" for name in names)
    print(header + " " + " ".join(f"{'plan/' + name:>15}" for name in others))
    for case in cases:
        cells = [f"{case.median(n):7.3f} ({case.best(n):5.3f})" for n in names]
        ratios = [
            f"{case.median('plan') / case.median(n):6.2f} ({case.best('plan') / case.best(n):5.2f})"
            for n in others
        ]
        print(f"{case.size:>5} {case.resources:>9} " + " ".join(f"{c:>15}" for c in cells + ratios))
    print("per-app cost between sizes, from the medians (linear growth: about equal):")
    for small, large in itertools.pairwise(cases):
        apps = large.size - small.size
        plan_cost = 1000 * (large.median("plan") - small.median("plan")) / apps
        bare_cost = 1000 * (large.median("bare") - small.median("bare")) / apps
        print(
            f"  {small.size:>4} -> {large.size:<4} plan {plan_cost:7.2f} ms/app"
            f"   bare {bare_cost:7.2f} ms/app   plan/bare {plan_cost / bare_cost:5.2f}"
        )


if __name__ == "__main__":
    main()
