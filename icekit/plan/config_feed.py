"""Stack config as the Pulumi CLI hands it to a program, from the already-parsed stack file.

The CLI passes every key namespaced (`icekit:apps`), strings as they are, other scalars as text, objects and
lists JSON-encoded, and lists the keys that hold secrets. Offline, each `secure:` value becomes
`icekit.secrets.offline_placeholder(<key path>)` and its top-level key is listed as secret (never decrypted).
Same result as `icekit.spec.runtime_config(path)` (a test keeps them equal), without parsing the file again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from icekit.secrets import offline_placeholder

__all__ = ["cli_config"]


def cli_config(config: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
    """`read_stack_config` output (secrets as SecretValue) -> (key -> text, secret keys), both sorted."""
    values: dict[str, str] = {}
    secret_keys: list[str] = []
    for key, value in config.items():
        plain, secret = _offline(value)
        values[key] = _as_text(plain)
        if secret:
            secret_keys.append(key)
    return dict(sorted(values.items())), sorted(secret_keys)


def _offline(value: Any) -> tuple[Any, bool]:
    from icekit.spec import SecretValue

    if isinstance(value, SecretValue):
        return offline_placeholder(value.key_path), True
    if isinstance(value, dict):
        pairs = {k: _offline(v) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs.items()}, any(secret for _, secret in pairs.values())
    if isinstance(value, list):
        items = [_offline(v) for v in value]
        return [v for v, _ in items], any(secret for _, secret in items)
    return value, False


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
