"""The versions of the documents icekit publishes: the stack-output contract, the client configuration and
the JSON Schemas' ids."""

from __future__ import annotations

from typing import Final

__all__ = [
    "CLIENT_CONFIG_READABLE",
    "CLIENT_CONFIG_V1",
    "CLIENT_CONFIG_VERSION",
    "OUTPUTS_CONTRACT_VERSION",
    "SCHEMA_VERSION",
    "schema_id",
]

# `icekitContract` in the stack outputs (docs/contracts.md, "Stack outputs").
OUTPUTS_CONTRACT_VERSION: Final = "1"
# `version` of a ClientConfig document icekit writes. Version 2 (issue 10): per-type PostProcessConfig /
# WorkflowId, vpcEndpoint, refreshableTypes. Version 1 is still read, upgraded on read
# (icekit.clientconfig.upgrade; docs/client-config.md, "Migration from version 1").
CLIENT_CONFIG_VERSION: Final = "2"
CLIENT_CONFIG_V1: Final = "1"
CLIENT_CONFIG_READABLE: Final = (CLIENT_CONFIG_V1, CLIENT_CONFIG_VERSION)
# The version in every published schema's `$id`.
SCHEMA_VERSION: Final = "1"


def schema_id(kind: str, version: str = SCHEMA_VERSION) -> str:
    """`https://icekit.dev/schemas/<kind>/v<version>.json`, the `$id` of a published JSON Schema (the client
    configuration's carries its document version: v2, and v1 for the schema of version 1 documents)."""
    return f"https://icekit.dev/schemas/{kind}/v{version}.json"
