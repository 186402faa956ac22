"""The versioned client configuration document, its JSON Schema, and the stack-output contract reader.

Never imports pulumi: upload clients use this package.
"""

from __future__ import annotations

from icekit.clientconfig.model import (
    CLIENT_CONFIG_VERSION,
    UPLOAD_MODES,
    CallbackInfo,
    ClientConfig,
    FileRule,
    MediaDefaults,
    OwnBucketClientConfig,
    OwnBucketRequest,
    OwnBucketTarget,
    StaticRequest,
    UploadMode,
    VodClientConfig,
)
from icekit.clientconfig.outputs import (
    OUTPUTS_CONTRACT_VERSION,
    StackOutputs,
    parse_stack_outputs,
    read_stack_outputs,
)

__all__ = [
    "CLIENT_CONFIG_VERSION",
    "OUTPUTS_CONTRACT_VERSION",
    "UPLOAD_MODES",
    "CallbackInfo",
    "ClientConfig",
    "FileRule",
    "MediaDefaults",
    "OwnBucketClientConfig",
    "OwnBucketRequest",
    "OwnBucketTarget",
    "StackOutputs",
    "StaticRequest",
    "UploadMode",
    "VodClientConfig",
    "parse_stack_outputs",
    "read_stack_outputs",
]
