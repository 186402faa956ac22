"""The config keys of a stack declaration: `icekit:<key>` for everything icekit declares, plus
`alicloud:region`; a key without a namespace belongs to the project's (`icekit`), as in Pulumi."""

from __future__ import annotations

__all__ = ["NAMESPACE", "REGION_KEY", "config_key", "full_key"]

NAMESPACE = "icekit"
REGION_KEY = "alicloud:region"

# StackDeclaration aliases that do not live under `icekit:`.
_OUTSIDE_NAMESPACE = {"region": REGION_KEY}


def config_key(alias: str) -> str:
    """A declaration field's alias as a config key: `apps` -> `icekit:apps`, `region` -> `alicloud:region`."""
    return _OUTSIDE_NAMESPACE.get(alias, f"{NAMESPACE}:{alias}")


def full_key(key: str) -> str:
    """A key as the stack file writes it, with its namespace: `apps` -> `icekit:apps`."""
    return key if ":" in key else f"{NAMESPACE}:{key}"
