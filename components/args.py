"""The typed arguments of each component (the Pulumi convention: `X(name, args, opts)`), with what a
component names already resolved by the program (components.program), so no component looks anything up in
the whole declaration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pulumi

from icekit.stack.model import AppDecl
from icekit.stack.sections import CallbackDecl, StorageDecl, WorkflowDecl

__all__ = [
    "CallbackEndpointArgs",
    "StorageLocationArgs",
    "UploadAccessArgs",
    "UploadProfileArgs",
    "WorkflowTemplateArgs",
]


@dataclass(frozen=True)
class CallbackEndpointArgs:
    stack: str
    region: str
    declaration: CallbackDecl


@dataclass(frozen=True)
class WorkflowTemplateArgs:
    declaration: WorkflowDecl


@dataclass(frozen=True)
class StorageLocationArgs:
    """The app's storage, resolved: `storage` is the declaration `icekit:storage.<storage_name>`."""

    stack: str
    region: str
    stack_file: str
    app: AppDecl
    app_path: str
    storage_name: str
    storage: StorageDecl


@dataclass(frozen=True)
class UploadAccessArgs:
    """`extra_policies`: attachment suffix -> the name of another policy for the role (an own bucket's)."""

    stack: str
    stack_file: str
    app: AppDecl
    app_path: str
    own_bucket: bool
    extra_policies: Mapping[str, pulumi.Output[str]] = field(default_factory=dict)
    # `consumeQueue`: the app's own MNS callback queue, with the region and account its ARN names.
    consumed_queue: str | None = None
    region: str = ""
    account_id: str | None = None


@dataclass(frozen=True)
class UploadProfileArgs:
    """One app with what it names already resolved: its storage, callback and workflow declarations, and the
    auth key Output of its callback's endpoint (one per callback, shared by the apps that use it)."""

    stack: str
    region: str
    account_id: str | None
    stack_file: str
    app: AppDecl
    app_path: str
    storage_name: str
    storage: StorageDecl
    callback_name: str | None = None
    callback: CallbackDecl | None = None
    callback_auth_key: pulumi.Output[str] | None = None
    workflow: WorkflowDecl | None = None
    # file type (video, audio) -> its workflow: `workflows`, or the single `workflow` for audio and video
    workflows: Mapping[str, WorkflowDecl] = field(default_factory=dict)
