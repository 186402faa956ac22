"""The versions of the documents icekit publishes: the stack-output contract, the client configuration and
the JSON Schemas' ids."""

from __future__ import annotations

from typing import Final

__all__ = ["CLIENT_CONFIG_VERSION", "OUTPUTS_CONTRACT_VERSION", "SCHEMA_VERSION", "schema_id"]

# `icekitContract` in the stack outputs (docs/contracts.md, "Stack outputs").
OUTPUTS_CONTRACT_VERSION: Final = "1"
# `version` of a ClientConfig document.
CLIENT_CONFIG_VERSION: Final = "1"
# The version in every published schema's `$id`.
SCHEMA_VERSION: Final = "1"


def schema_id(kind: str) -> str:
    """`https://icekit.dev/schemas/<kind>/v1.json`, the `$id` of a published JSON Schema."""
    return f"https://icekit.dev/schemas/{kind}/v{SCHEMA_VERSION}.json"
