"""The versioned client configuration document, its JSON Schema, and the stack-output contract reader
(the version constants live in icekit.facts.versions and are re-exported for upload clients).

Every name is imported from its home on first use (icekit.lazy), so that the version constants cost no
model building. Never imports pulumi: upload clients use this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from icekit.lazy import lazy_attributes

if TYPE_CHECKING:
    from icekit.clientconfig.model import (
        UPLOAD_MODES,
        CallbackInfo,
        ClientConfig,
        OwnBucketClientConfig,
        OwnBucketRequest,
        OwnBucketTarget,
        StaticRequest,
        UploadMode,
        VodClientConfig,
    )
    from icekit.clientconfig.outputs import StackOutputs, parse_stack_outputs, read_stack_outputs
    from icekit.facts.versions import CLIENT_CONFIG_VERSION, OUTPUTS_CONTRACT_VERSION
    from icekit.models.upload_rules import FileRule, MediaDefaults

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

if not TYPE_CHECKING:  # mypy reads the imports above; at run time each is imported on first use
    __getattr__, __dir__ = lazy_attributes(__name__)
