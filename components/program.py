"""The project's Pulumi program: read the stack's declaration, build the components, export the contract.

It depends only on pulumi.Config, pulumi.get_stack() and the environment, so the offline plan can run it on
the mock runtime unchanged, and `pulumi preview -s dev` runs it with the CLI.
"""

from __future__ import annotations

import os
from typing import Any

import pulumi

from components.callback import CallbackEndpoint
from components.context import StackContext
from components.ice.client import ENDPOINT_ENV
from components.ice.event_callback import IceEventCallback, event_callback_props
from components.profile import UploadProfile
from components.workflow import WorkflowTemplate
from icekit.spec.from_config import spec_from_pulumi_config
from icekit.spec.naming import event_callback_resource_name

__all__ = ["CONTRACT_VERSION", "Program", "build", "main"]

CONTRACT_VERSION = "1"


class Program:
    """Everything the program made, for tests and for the outputs."""

    def __init__(self, ctx: StackContext) -> None:
        spec = ctx.spec
        self.ctx = ctx
        self.callbacks = {name: CallbackEndpoint(ctx, name, decl) for name, decl in spec.callbacks.items()}
        self.workflows = {name: WorkflowTemplate(name, decl) for name, decl in spec.workflows.items()}
        self.event_callback: IceEventCallback | None = None
        if spec.event_callback is not None:
            endpoint = self.callbacks[spec.event_callback]
            props = event_callback_props(
                region=ctx.region,
                kind=endpoint.kind,
                url=endpoint.url,
                queue_name=endpoint.queue_name,
                events=endpoint.events,
                auth_key=endpoint.auth_key,
            )
            depends = [endpoint.queue] if endpoint.queue is not None else []
            self.event_callback = IceEventCallback(
                event_callback_resource_name(ctx.stack),
                props,
                endpoint=os.environ.get(ENDPOINT_ENV) or None,
                opts=pulumi.ResourceOptions(parent=endpoint, depends_on=depends),
            )
        self.profiles = {
            app.name: UploadProfile(ctx, index, callbacks=self.callbacks, workflows=self.workflows)
            for index, app in enumerate(spec.apps)
        }

    def client_configs(self) -> pulumi.Output[dict[str, Any]]:
        """app -> ClientConfig document, for every app (uploadMode "vod" or "own-bucket")."""
        return _sorted_object({name: profile.client_config for name, profile in self.profiles.items()})

    def callback_auth_keys(self) -> pulumi.Output[dict[str, Any]]:
        keys = {n: p.auth_key for n, p in self.profiles.items() if p.auth_key is not None}
        return pulumi.Output.secret(_sorted_object(keys))


def _sorted_object(values: dict[str, Any]) -> pulumi.Output[dict[str, Any]]:
    """One Output of an object with sorted keys (Output.all with no arguments would give a list)."""
    if not values:
        return pulumi.Output.from_input({})
    return pulumi.Output.all(**values).apply(lambda resolved: dict(sorted(resolved.items())))


def build() -> Program:
    return Program(StackContext(spec_from_pulumi_config()))


def main() -> None:
    program = build()
    pulumi.export("icekitContract", CONTRACT_VERSION)
    pulumi.export("clientConfigs", program.client_configs())
    pulumi.export("callbackAuthKeys", program.callback_auth_keys())
