"""CallbackEndpoint: an HTTP(S) endpoint with an auth key, or an MNS queue named `ice-callback-...`.

It feeds both an app's `UserData.MessageCallback` (HTTP only: that field carries just a CallbackURL) and the
region's ICE event callback (SetEventCallback), which the program makes for the declared `eventCallback`.
ICE signs HTTP callbacks with X-ICE-TIMESTAMP and X-ICE-SIGNATURE = md5(`URL|timestamp|AuthKey`).
"""

from __future__ import annotations

import pulumi
import pulumi_alicloud as alicloud

from icekit.facts.type_tokens import CALLBACK_ENDPOINT as TYPE
from icekit.stack.secret import SecretValue
from icekit.stack.sections import HttpCallback

from .args import CallbackEndpointArgs

__all__ = ["TYPE", "CallbackEndpoint"]


class CallbackEndpoint(pulumi.ComponentResource):
    # Attributes are annotated in __init__, not on the class: the SDK reads a resource class's annotations
    # (and compiles string ones) at every registration to type its outputs, which components do not need.

    def __init__(
        self, name: str, args: CallbackEndpointArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        decl = args.declaration
        is_http = isinstance(decl, HttpCallback)
        url = decl.url if isinstance(decl, HttpCallback) else None
        queue_name = None if isinstance(decl, HttpCallback) else decl.queue_name
        events = list(decl.events)
        auth = decl.auth_key if isinstance(decl, HttpCallback) else None
        props = {
            "name": name,
            "kind": decl.kind,
            "url": url,
            "queueName": queue_name,
            "authEnabled": auth is not None,
            "allowInsecureHttp": decl.allow_insecure_http if isinstance(decl, HttpCallback) else False,
            "region": args.region,
            "events": events,
            "declarationPath": f"icekit:callbacks.{name}",
        }
        super().__init__(TYPE, name, props, opts)
        # set after super().__init__: the engine gives a component an Output attribute per prop name
        self.kind: str = decl.kind
        self.url: str | None = url
        self.queue_name: str | None = queue_name
        self.events: list[str] = events
        self.auth_key: pulumi.Output[str] | None = None
        if auth is not None:
            clear = auth.program_value() if isinstance(auth, SecretValue) else auth
            self.auth_key = pulumi.Output.secret(clear)
        self.queue: alicloud.message.ServiceQueue | None = None
        if not is_http and self.queue_name is not None:
            self.queue = alicloud.message.ServiceQueue(
                self.queue_name,
                queue_name=self.queue_name,
                tags={"icekit-stack": args.stack},
                opts=pulumi.ResourceOptions(parent=self),
            )
        self.register_outputs(
            {
                "kind": self.kind,
                "url": self.url,
                "queueName": self.queue_name,
                "authEnabled": auth is not None,
            }
        )

    @property
    def auth_enabled(self) -> bool:
        return self.auth_key is not None
