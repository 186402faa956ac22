"""The stack declaration (`icekit:` config namespace) and its loaders.

`load_stack` reads a stack file offline (never decrypting); `spec_from_pulumi_config` (in
`icekit.spec.from_config`, which imports pulumi) builds the same spec inside a Pulumi program.
"""

from __future__ import annotations

from icekit.spec.build import KNOWN_KEYS, build_spec
from icekit.spec.loader import (
    RuntimeConfig,
    load_stack,
    read_stack_config,
    runtime_config,
    runtime_config_of,
)
from icekit.spec.model import (
    AppDecl,
    CallbackDecl,
    Conditions,
    HttpCallback,
    MnsCallback,
    OwnBucket,
    StackSpec,
    StorageDecl,
    WorkflowDecl,
)
from icekit.spec.secret import SecretValue

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
    "StackSpec",
    "StorageDecl",
    "WorkflowDecl",
    "build_spec",
    "load_stack",
    "read_stack_config",
    "runtime_config",
    "runtime_config_of",
]
