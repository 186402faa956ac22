"""The project's Pulumi program: take the stack's declaration, build the components, export the contract.

It depends only on pulumi.Config, pulumi.get_stack() and the environment (or the declaration the offline plan
hands over), so the offline plan runs it on the mock runtime unchanged, and `pulumi preview -s dev` runs it
with the CLI. Each component gets typed arguments with what it names already resolved (`XArgs`).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable, Iterator
from typing import Any

import pulumi

from icekit.facts.versions import OUTPUTS_CONTRACT_VERSION
from icekit.stack import ProgramInput, StackDeclaration
from icekit.stack.naming import event_callback_resource_name
from icekit.stack.runtime import program_input

from .args import CallbackEndpointArgs, UploadProfileArgs, WorkflowTemplateArgs
from .callback import CallbackEndpoint
from .ice.client import ENDPOINT_ENV
from .ice.event_callback import IceEventCallback, event_callback_props
from .profile import UploadProfile
from .workflow import WorkflowTemplate

__all__ = [
    "PLAN_WINDOW",
    "Program",
    "build",
    "built_profiles",
    "callback_endpoints",
    "main",
    "plan_main",
    "profile_args",
    "upload_profiles",
]

# Apps whose roles the offline plan lets register before it builds the next ones (plan_main). Built all at
# once, every registration of every app is in flight together: at 1,000 apps that doubled the peak memory and
# cost a third more time than windows of 25 (bench/plan.py; windows of 10 to 100 measured alike).
PLAN_WINDOW = 25


def callback_endpoints(declaration: StackDeclaration) -> dict[str, CallbackEndpoint]:
    return {
        name: CallbackEndpoint(name, CallbackEndpointArgs(declaration.stack, declaration.region, decl))
        for name, decl in declaration.callbacks.items()
    }


def profile_args(
    given: ProgramInput, index: int, callbacks: dict[str, CallbackEndpoint]
) -> UploadProfileArgs:
    """App `index` with its references resolved (the declaration checked that they resolve)."""
    declaration = given.declaration
    app = declaration.apps[index]
    endpoint = callbacks[app.callback] if app.callback else None
    return UploadProfileArgs(
        stack=declaration.stack,
        region=declaration.region,
        account_id=declaration.account_id,
        stack_file=given.stack_file,
        app=app,
        app_path=f"icekit:apps[{index}]",
        storage_name=app.storage,
        storage=declaration.storage[app.storage],
        callback_name=app.callback,
        callback=declaration.callbacks[app.callback] if app.callback else None,
        callback_auth_key=endpoint.auth_key if endpoint is not None and endpoint.kind == "http" else None,
        workflow=declaration.workflows[app.workflow] if app.workflow else None,
        workflows={kind: declaration.workflows[name] for kind, name in app.workflow_by_type.items()},
    )


def built_profiles(
    given: ProgramInput, callbacks: dict[str, CallbackEndpoint], indices: Iterable[int]
) -> Iterator[tuple[str, UploadProfile]]:
    """(app, its profile) for the apps at `indices`, each built only when it is asked for."""
    apps = given.declaration.apps
    for index in indices:
        yield apps[index].name, UploadProfile(apps[index].name, profile_args(given, index, callbacks))


def upload_profiles(given: ProgramInput, callbacks: dict[str, CallbackEndpoint]) -> dict[str, UploadProfile]:
    """Every app's profile (the deploy entry ignores ProgramInput.apps)."""
    return dict(built_profiles(given, callbacks, range(len(given.declaration.apps))))


def _event_callback(
    declaration: StackDeclaration, callbacks: dict[str, CallbackEndpoint]
) -> IceEventCallback | None:
    """The region's ICE event callback, fed by the declared `eventCallback`."""
    if declaration.event_callback is None:
        return None
    endpoint = callbacks[declaration.event_callback]
    props = event_callback_props(
        region=declaration.region,
        kind=endpoint.kind,
        url=endpoint.url,
        queue_name=endpoint.queue_name,
        events=endpoint.events,
        auth_key=endpoint.auth_key,
    )
    depends = [endpoint.queue] if endpoint.queue is not None else []
    return IceEventCallback(
        event_callback_resource_name(declaration.stack),
        props,
        endpoint=os.environ.get(ENDPOINT_ENV) or None,
        opts=pulumi.ResourceOptions(parent=endpoint, depends_on=depends),
    )


class Program:
    """Everything the program made, for tests and for the outputs."""

    def __init__(self, given: ProgramInput, *, profiles: bool = True) -> None:
        """`profiles=False`: the apps' profiles are left to `add_profiles_in_windows`."""
        declaration = given.declaration
        self.input = given
        self.callbacks = callback_endpoints(declaration)
        self.workflows = {
            name: WorkflowTemplate(name, WorkflowTemplateArgs(decl))
            for name, decl in declaration.workflows.items()
        }
        self.event_callback: IceEventCallback | None = _event_callback(declaration, self.callbacks)
        self.profiles = upload_profiles(given, self.callbacks) if profiles else {}

    async def add_profiles_in_windows(self, window: int) -> None:
        """The apps' profiles, as `upload_profiles` builds them, `window` apps at a time: each window's roles
        are registered before the next window is built, so only one window's registrations are in flight.
        Only the input's `apps` when it names some (a shard of the offline plan)."""
        given = self.input
        indices = given.apps if given.apps is not None else range(len(given.declaration.apps))
        pending: list[pulumi.Output[str]] = []
        for name, profile in built_profiles(given, self.callbacks, indices):
            self.profiles[name] = profile
            pending.append(profile.access.role_arn)
            if len(pending) == window:
                await asyncio.gather(*(arn.future() for arn in pending))
                pending.clear()
        await asyncio.gather(*(arn.future() for arn in pending))

    def client_configs(self) -> pulumi.Output[dict[str, Any]]:
        """app -> ClientConfig document, for every app (uploadMode "vod" or "own-bucket"), keys sorted.

        One Output over the role ARNs, one apply for all documents: combining per-app Outputs of whole
        documents would make the SDK lift (and re-scan) every nested value of every document.
        """
        profiles = dict(sorted(self.profiles.items()))
        if not profiles:
            return pulumi.Output.from_input({})
        arns = pulumi.Output.all(*(profile.access.role_arn for profile in profiles.values()))
        return arns.apply(
            lambda resolved: {
                name: profile.document_for(arn)
                for (name, profile), arn in zip(profiles.items(), resolved, strict=True)
            }
        )

    def callback_auth_keys(self) -> pulumi.Output[dict[str, Any]]:
        """app -> auth key of its HTTP callback, a secret. Many apps share few callbacks: the Output combines
        one key per callback (not one per app) and fans them out to the apps."""
        callback_of: dict[str, str] = {}
        keys: dict[str, pulumi.Output[str]] = {}
        for name, profile in sorted(self.profiles.items()):
            if profile.auth_key is not None and profile.callback_name is not None:
                callback_of[name] = profile.callback_name
                keys.setdefault(profile.callback_name, profile.auth_key)
        if not keys:
            return pulumi.Output.secret({})
        names = list(keys)

        def fan_out(resolved: list[str]) -> dict[str, str]:
            by_callback = dict(zip(names, resolved, strict=True))
            return {app: by_callback[callback] for app, callback in callback_of.items()}

        # each key made a secret here (they are already): what combines them stays one
        secret_keys: list[pulumi.Output[str]] = []
        for key in keys.values():
            secret_keys.append(pulumi.Output.secret(key))
        return pulumi.Output.all(*secret_keys).apply(fan_out)


def build() -> Program:
    return Program(program_input())


def _export(program: Program) -> None:
    pulumi.export("icekitContract", OUTPUTS_CONTRACT_VERSION)
    pulumi.export("clientConfigs", program.client_configs())
    pulumi.export("callbackAuthKeys", program.callback_auth_keys())


def main() -> None:
    """The program `pulumi preview/up` runs (__main__.py): everything built at once, the engine's parallelism
    left whole."""
    _export(build())


async def plan_main() -> None:
    """The same program for the offline plan (icekit.program.PLAN_ENTRY): the same resources, inputs and
    outputs, the apps built PLAN_WINDOW at a time (only the handed input's `apps`, when it names some: a shard
    of the offline plan, icekit.plan.shards). Not for a deployment: each window would wait for its roles to
    be created."""
    program = Program(program_input(), profiles=False)
    await program.add_profiles_in_windows(PLAN_WINDOW)
    _export(program)
