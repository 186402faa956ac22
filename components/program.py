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
from icekit.facts.versions import OUTPUTS_CONTRACT_VERSION
from icekit.stack.naming import event_callback_resource_name
from icekit.stack.runtime import program_input

__all__ = ["Program", "build", "main"]


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
    given = program_input()
    return Program(StackContext(given.declaration, given.stack_file))


def main() -> None:
    program = build()
    pulumi.export("icekitContract", OUTPUTS_CONTRACT_VERSION)
    pulumi.export("clientConfigs", program.client_configs())
    pulumi.export("callbackAuthKeys", program.callback_auth_keys())
