"""The config a stack file gives a Pulumi program, in the form the Pulumi CLI hands it over: key -> string
(objects JSON-encoded) plus the keys that held secrets. The offline plan feeds the program this."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icekit.secrets import offline_placeholder
from icekit.stack.secret import SecretValue
from icekit.stack.stack_file import StackFile

__all__ = ["RuntimeConfig", "runtime_config", "runtime_config_of"]


@dataclass(frozen=True)
class RuntimeConfig:
    """Config as the Pulumi CLI hands it to a program: key -> string (objects JSON-encoded), secret keys."""

    values: dict[str, str]
    secret_keys: list[str]


def _offline(value: Any) -> tuple[Any, bool]:
    if isinstance(value, SecretValue):
        return offline_placeholder(value.key_path), True
    if isinstance(value, dict):
        pairs = {k: _offline(v) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs.items()}, any(s for _, s in pairs.values())
    if isinstance(value, list):
        items = [_offline(v) for v in value]
        return [v for v, _ in items], any(s for _, s in items)
    return value, False


def runtime_config(stack_file: Path) -> RuntimeConfig:
    """What `pulumi.runtime.set_all_config` needs to run the program offline, from a stack file."""
    return runtime_config_of(StackFile.read(stack_file).values)


def runtime_config_of(config: Mapping[str, Any]) -> RuntimeConfig:
    """The same from already-read values (`StackFile.values`), so a caller reads the file once.

    Each `secure:` value becomes `icekit.secrets.offline_placeholder(<key path>)`, and its top-level key is
    listed as secret, as the CLI does for decrypted values.
    """
    values: dict[str, str] = {}
    secret_keys: list[str] = []
    for key, value in config.items():
        plain, secret = _offline(value)
        if isinstance(plain, str):
            values[key] = plain
        elif isinstance(plain, bool):
            values[key] = "true" if plain else "false"
        elif isinstance(plain, int | float):
            values[key] = str(plain)
        else:
            values[key] = json.dumps(plain, sort_keys=True, separators=(",", ":"))
        if secret:
            secret_keys.append(key)
    return RuntimeConfig(values=dict(sorted(values.items())), secret_keys=sorted(secret_keys))
