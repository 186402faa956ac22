"""The stack declaration (`icekit:` config namespace) and its loaders.

`load_stack` reads a stack file offline (never decrypting); `spec_from_pulumi_config` (in
`icekit.stack.from_config`, which imports pulumi) builds the same spec inside a Pulumi program.
"""

from __future__ import annotations

from icekit.stack.build import KNOWN_KEYS, build_spec
from icekit.stack.loader import (
    RuntimeConfig,
    load_stack,
    read_stack_config,
    runtime_config,
    runtime_config_of,
)
from icekit.stack.model import (
    AppDecl,
    CallbackDecl,
    Conditions,
    HttpCallback,
    MnsCallback,
    OwnBucket,
    StackDeclaration,
    StorageDecl,
    WorkflowDecl,
)
from icekit.stack.secret import SecretValue

__all__ = [
    "KNOWN_KEYS",
    "AppDecl",
    "CallbackDecl",
    "Conditions",
    "HttpCallback",
    "MnsCallback",
    "OwnBucket",
    "RuntimeConfig",
    "SecretValue",
    "StackDeclaration",
    "StorageDecl",
    "WorkflowDecl",
    "build_spec",
    "load_stack",
    "read_stack_config",
    "runtime_config",
    "runtime_config_of",
]
