"""How much does `icekit plan` cost on top of the Pulumi mock runtime itself?

For 1, 20 and 200 generated applications this measures, in one run:
  plan   `icekit.plan.run_plan` on a generated stack: read and validate the stack file, run the real program
         (components.program.main) on the mock runtime, record and mask every registration.
  bare   the same resources (same types, names, parents and inputs; secrets as secrets) registered by a
         program that is only a list of constructor calls (the pulumi_alicloud classes; bare
         `ComponentResource`s for icekit's components), on the same runtime (icekit.plan.runtime: recording
         monitor, mocks, inline executor). No stack file, no declaration model, no icekit component code.
         Before timing, the bench checks that it registers exactly what the plan registered.
  sdk    the same bare program run the way a Pulumi unit test runs it (the SDK's stock MockMonitor, thread
         pool executor, default GC settings), for reference.
It prints CPU seconds of this process (best of several runs: the machine may be shared; a plan is
single-threaded), plan/bare, plan/sdk, and the per-app cost between sizes (linear growth: about the same).

    .venv/bin/python bench/plan.py [--sizes 1,20,200] [--program module:function]
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import importlib
import itertools
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import yaml
from pulumi.runtime import settings
from pulumi.runtime.mocks import MockEngine, MockMonitor, MockResourceArgs, Mocks, MockSettings
from pulumi.runtime.stack import run_in_stack

from icekit.plan import PlanResult, run_plan
from icekit.plan.engine import load_program
from icekit.plan.mocks import OfflineMocks
from icekit.plan.recorder import RecordingMonitor
from icekit.plan.runtime import run_program
from icekit.secrets import MASK

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "stacks" / "Pulumi.dev.yaml"


def generated_stack(project: Path, apps: int) -> str:
    """A stack like dev with `apps` applications, cycling through dev's app declarations.

    An own bucket serves one app only, so apps modelled on an own-bucket app get a bucket of their own.
    """
    document = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    config = document["config"]
    storage = config["icekit:storage"]
    template_apps = config["icekit:apps"]
    generated = []
    for index in range(apps):
        app = dict(template_apps[index % len(template_apps)])
        app["name"] = f"app-{index:04d}"
        own = storage[app["storage"]].get("ownBucket")
        if own is not None:
            storage[f"bucket-{index:04d}"] = {"ownBucket": {**own, "name": f"{own['name']}-{index:04d}"}}
            app["storage"] = f"bucket-{index:04d}"
        generated.append(app)
    config["icekit:apps"] = generated
    (project / "stacks").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "Pulumi.yaml", project / "Pulumi.yaml")
    (project / "stacks" / "Pulumi.bench.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    return "bench"


def _snake(key: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower()


def _resource_class(type_token: str) -> Any:
    """The provider SDK's class for a type token (`alicloud:ram/role:Role` -> pulumi_alicloud.ram.Role)."""
    package, module, name = type_token.split(":")
    if package != "alicloud":
        return None
    return getattr(importlib.import_module(f"pulumi_alicloud.{module.split('/')[0]}"), name)


def bare_program(plan: PlanResult) -> Callable[[], None]:
    """Registers exactly the plan's resources with the provider SDK's own classes, and nothing else: no
    stack file, no declaration model, no icekit components (bare `ComponentResource`s with the same props)."""

    def unmask(value: Any, snake: bool) -> Any:
        if value == MASK:
            return pulumi.Output.secret("offline")
        if isinstance(value, dict):
            return {(_snake(k) if snake else k): unmask(v, snake) for k, v in value.items()}
        if isinstance(value, list):
            return [unmask(v, snake) for v in value]
        return value

    declared = [(r.type, r.name, r.parent, r.custom, r.inputs, r.urn) for r in plan.resources]

    def program() -> None:
        # Outputs belong to the run's event loop: secrets are made here, not ahead of time.
        made: dict[str, pulumi.Resource] = {}
        for type_, name, parent, custom, inputs, urn in declared:
            opts = pulumi.ResourceOptions(parent=made[parent]) if parent else None
            cls = _resource_class(type_) if custom else None
            if cls is not None:
                made[urn] = cls(name, opts=opts, **unmask(inputs, snake=True))
            elif custom:
                made[urn] = pulumi.CustomResource(type_, name, unmask(inputs, snake=False), opts)
            else:
                made[urn] = pulumi.ComponentResource(type_, name, unmask(inputs, snake=False), opts)

    return program


class EchoMocks(Mocks):
    """The usual unit-test mocks: id = name, outputs = inputs."""

    def new_resource(self, args: MockResourceArgs) -> tuple[str, dict[str, Any]]:
        return f"{args.name}_id", args.inputs

    def call(self, args: Any) -> tuple[dict[str, Any], None]:
        return {}, None


def run_bare(program: Callable[[], None], plan: PlanResult) -> RecordingMonitor:
    """The bare program on the plan's runtime (icekit.plan.runtime, same monitor and mocks)."""
    monitor = RecordingMonitor(OfflineMocks(account_id=plan.accountId, region=plan.region))
    run_program(
        program,
        monitor=monitor,
        project=plan.project,
        stack=plan.stack,
        config={},
        secret_keys=[],
        root_directory=str(ROOT),
    )
    return monitor


def run_stock_sdk(program: Callable[[], None], plan: PlanResult) -> None:
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
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(run_in_stack(program))
        finally:
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()

    contextvars.copy_context().run(run)


def same_registrations(plan: PlanResult, monitor: RecordingMonitor) -> bool:
    planned = sorted((r.type, r.name, r.parent or "", repr(r.inputs)) for r in plan.resources)
    replayed = sorted((r.type, r.name, r.parent or "", repr(r.inputs)) for r in monitor.registrations)
    return planned == replayed


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def measure(size: int, workdir: Path, program: Callable[[], None] | None) -> tuple[int, float, float, float]:
    """(resources, plan, bare, sdk) seconds, best of several runs, for a stack of `size` apps."""
    project = workdir / f"p{size}"
    stack = generated_stack(project, size)
    plan = run_plan(stack, project, program=program)  # warm-up, and the resources to replay
    bare = bare_program(plan)
    runs = 7 if size <= 20 else 5
    plan_time = best_of(runs, lambda: run_plan(stack, project, program=program))
    if not same_registrations(plan, run_bare(bare, plan)):
        raise SystemExit("the bare program does not register the same resources as the plan")
    bare_time = best_of(runs, lambda: run_bare(bare, plan))
    sdk_time = best_of(runs, lambda: run_stock_sdk(bare, plan))
    return len(plan.resources), plan_time, bare_time, sdk_time


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1,20,200")
    parser.add_argument("--program", default=None, help="module:function instead of components.program:main")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    program = None
    if options.program:
        module, _, function = options.program.partition(":")
        program = getattr(importlib.import_module(module), function)
    else:
        load_program()  # imports once, as every plan after the first one in a process

    header = ("apps", "resources", "plan", "bare", "sdk", "plan/bare", "plan/sdk")
    print("{:>5} {:>9} {:>8} {:>8} {:>8} {:>9} {:>8}".format(*header))
    rows: list[tuple[int, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            resources, plan_time, bare_time, sdk_time = measure(size, Path(tmp), program)
            rows.append((size, plan_time, bare_time))
            print(
                f"{size:>5} {resources:>9} {plan_time:>8.3f} {bare_time:>8.3f} {sdk_time:>8.3f}"
                f" {plan_time / bare_time:>9.2f} {plan_time / sdk_time:>8.2f}",
                flush=True,
            )
    print("per-app cost between sizes (linear growth: about equal):")
    for (small, plan_small, bare_small), (large, plan_large, bare_large) in itertools.pairwise(rows):
        apps = large - small
        print(
            f"  {small:>4} -> {large:<4} plan {1000 * (plan_large - plan_small) / apps:7.2f} ms/app"
            f"   bare {1000 * (bare_large - bare_small) / apps:7.2f} ms/app"
        )


if __name__ == "__main__":
    main()
