"""Run Pulumi code on the SDK's mock runtime, isolated (fresh context, settings and event loop), recording
every registered resource; resolve Outputs inside the run so tests can compare them as data."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
from pulumi.runtime import rpc, settings
from pulumi.runtime.config import set_all_config
from pulumi.runtime.mocks import MockEngine, MockMonitor
from pulumi.runtime.stack import run_in_stack

ACCOUNT_ID = "1234567890123456"


@dataclass
class Registered:
    type: str
    name: str
    inputs: dict[str, Any]
    custom: bool


@dataclass
class RecordingMocks(pulumi.runtime.Mocks):
    account_id: str = ACCOUNT_ID
    resources: list[Registered] = field(default_factory=list)

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        self.resources.append(Registered(args.typ, args.name, dict(args.inputs), bool(args.custom)))
        state = dict(args.inputs)
        if args.typ == "alicloud:ram/role:Role":
            state["arn"] = f"acs:ram::{self.account_id}:role/{args.inputs['roleName']}"
        return (f"{args.name}-id" if args.custom else None), state

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None

    def of_type(self, typ: str) -> list[Registered]:
        return [r for r in self.resources if r.type == typ]

    def one(self, typ: str, name: str | None = None) -> Registered:
        found = [r for r in self.of_type(typ) if name is None or r.name == name]
        assert len(found) == 1, f"expected one {typ} {name or ''}, found {[r.name for r in found]}"
        return found[0]


@dataclass
class Resolved:
    value: Any
    secret: bool


async def resolve(output: Any) -> Resolved:
    out = pulumi.Output.from_input(output)
    return Resolved(await out.future(), bool(await out.is_secret()))


class CapturingMonitor(MockMonitor):
    """Keeps the root stack's outputs (what `pulumi.export` registers), secrets still wrapped."""

    def __init__(self, mocks: pulumi.runtime.Mocks) -> None:
        super().__init__(mocks)
        self.stack_outputs: dict[str, Any] = {}

    def RegisterResourceOutputs(self, request: Any) -> Any:
        if request.urn.endswith("::pulumi:pulumi:Stack::icekit-" + request.urn.split("::")[0].split(":")[-1]):
            self.stack_outputs = rpc.deserialize_properties(request.outputs)
        return super().RegisterResourceOutputs(request)  # type: ignore[no-untyped-call]


def run_mocked(
    body: Callable[[], Awaitable[Any]],
    *,
    stack: str = "dev",
    config: Mapping[str, str] | None = None,
    secret_keys: Sequence[str] = (),
    mocks: RecordingMocks | None = None,
    monitor: MockMonitor | None = None,
) -> tuple[RecordingMocks, Any]:
    """Run `body` (an async function creating resources and returning anything) as a stack's program."""
    mocks = mocks or RecordingMocks()
    result: dict[str, Any] = {}

    def isolated() -> None:
        settings.reset_options(project="icekit", stack=stack, preview=False)
        settings.configure(
            settings.Settings(
                project="icekit",
                stack=stack,
                monitor=monitor or MockMonitor(mocks),
                engine=MockEngine(None),
                dry_run=False,
                organization="organization",
            )
        )
        set_all_config(dict(config or {}), list(secret_keys))

        async def program() -> None:
            result["value"] = await body()

        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(run_in_stack(program))
        finally:
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()

    contextvars.copy_context().run(isolated)
    return mocks, result.get("value")
