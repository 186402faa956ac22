"""A mock resource monitor that records every registration the program makes.

It subclasses the SDK's `pulumi.runtime.mocks.MockMonitor` and answers without pumping the event loop (the
stock monitor calls `_sync_await` to serialize the mock's state), so that the runtime can call it inline on
the loop's thread: one thread, deterministic registration order, no thread hand-off per resource.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from google.protobuf import empty_pb2, struct_pb2  # type: ignore[import-untyped]
from pulumi.runtime import rpc
from pulumi.runtime.mocks import MockCallArgs, MockMonitor, MockResourceArgs, Mocks
from pulumi.runtime.proto import provider_pb2, resource_pb2
from pulumi.runtime.sync_await import _sync_await

from icekit.plan.wire import plain_to_struct, struct_to_plain

__all__ = ["Recorded", "RecordingMonitor", "Registration"]

STACK_TYPE = "pulumi:pulumi:Stack"


@dataclass(frozen=True)
class Registration:
    """One resource as the program declared it (inputs masked)."""

    urn: str
    type: str
    name: str
    parent: str | None
    custom: bool
    inputs: dict[str, Any]
    declaration_path: str | None


@dataclass(frozen=True)
class Recorded:
    """What one run of the program left: its registrations in order, the stack outputs, its messages (what a
    shard of the plan sends back, icekit.plan.shards)."""

    registrations: list[Registration]
    outputs: dict[str, Any]
    messages: list[str]


class RecordingMonitor(MockMonitor):
    """Records registrations in order, plus the root stack's outputs (masked)."""

    def __init__(self, mocks: Mocks) -> None:
        super().__init__(mocks)
        self.registrations: list[Registration] = []
        self.stack_urn: str | None = None
        self.stack_outputs: dict[str, Any] = {}
        self._declaration_paths: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def RegisterResource(self, request: Any) -> resource_pb2.RegisterResourceResponse:
        urn = self.make_urn(request.parent, request.type, request.name)
        if request.type == STACK_TYPE:
            self.stack_urn = urn
            return resource_pb2.RegisterResourceResponse(urn=urn)

        args = MockResourceArgs(
            typ=request.type,
            name=request.name,
            inputs=rpc.deserialize_properties(request.object),
            provider=request.provider,
            resource_id=request.importId,
            custom=request.custom or False,
        )
        id_, state = self.mocks.new_resource(args)
        response = resource_pb2.RegisterResourceResponse(urn=urn, id=id_ or "", object=_state_struct(state))

        inputs = struct_to_plain(request.object)
        parent = request.parent if request.parent and request.parent != self.stack_urn else None
        own_path = inputs.get("declarationPath")
        with self._lock:
            declaration_path = (
                own_path if isinstance(own_path, str) else self._declaration_paths.get(parent or "")
            )
            self._declaration_paths[urn] = declaration_path
            self.resources[urn] = MockMonitor.ResourceRegistration(urn, id_ or "", state)
            self.registrations.append(
                Registration(
                    urn, request.type, request.name, parent, bool(request.custom), inputs, declaration_path
                )
            )
        return response

    def ReadResource(self, request: Any) -> resource_pb2.ReadResourceResponse:
        """`Resource.get(...)`: an existing resource is read, not declared; answered, not recorded."""
        urn = self.make_urn(request.parent, request.type, request.name)
        args = MockResourceArgs(
            typ=request.type,
            name=request.name,
            inputs=rpc.deserialize_properties(request.properties),
            provider=request.provider,
            resource_id=request.id,
        )
        id_, state = self.mocks.new_resource(args)
        with self._lock:
            self.resources[urn] = MockMonitor.ResourceRegistration(urn, id_ or "", state)
        return resource_pb2.ReadResourceResponse(urn=urn, properties=_state_struct(state))

    def RegisterResourceOutputs(self, request: Any) -> empty_pb2.Empty:
        if request.urn == self.stack_urn:
            self.stack_outputs = struct_to_plain(request.outputs)
        return empty_pb2.Empty()

    def Invoke(self, request: Any) -> resource_pb2.ResourceInvokeResponse:
        args = rpc.deserialize_properties(request.args)
        if request.tok == "pulumi:pulumi:getResource":
            found = self.resources.get(args["urn"])
            if found is None:
                raise LookupError(f"unknown resource {args['urn']}")
            ret = {"urn": found.urn, "id": found.id, "state": found.state}
            return resource_pb2.ResourceInvokeResponse(failures=None, **{"return": _state_struct(ret)})
        ret, failures = self.mocks.call(MockCallArgs(token=request.tok, args=args, provider=request.provider))
        check_failures = [provider_pb2.CheckFailure(property=p, reason=r) for p, r in failures or []]
        return resource_pb2.ResourceInvokeResponse(failures=check_failures, **{"return": _state_struct(ret)})


def _state_struct(state: dict[str, Any]) -> struct_pb2.Struct:
    """Plain state directly; anything else (resources, assets) through the SDK's serializer."""
    try:
        return plain_to_struct(state)
    except (TypeError, ValueError):
        serialized: struct_pb2.Struct = _sync_await(rpc.serialize_properties(state, {}))
        return serialized
