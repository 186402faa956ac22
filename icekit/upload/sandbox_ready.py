"""The ready file `icekit sandbox` writes (issue 13's interface): endpoints, region, the principals' long-term
keys and the callback keys. An upload client pointed at a sandbox takes its endpoints and its base identity
from it instead of the default credential chain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icekit.errors import UserInputError
from icekit.upload.endpoints import SERVICES, Endpoint, Endpoints

__all__ = ["SandboxPrincipal", "SandboxReady", "read_ready_file"]


@dataclass(frozen=True)
class SandboxPrincipal:
    arn: str
    access_key_id: str
    access_key_secret: str

    def __repr__(self) -> str:  # never show the secret
        return f"SandboxPrincipal(arn={self.arn!r}, access_key_id={self.access_key_id!r})"


@dataclass(frozen=True)
class SandboxReady:
    endpoints: Endpoints
    region: str
    principals: tuple[SandboxPrincipal, ...]
    callback_keys: dict[str, str]


def _required(document: dict[str, Any], key: str, kind: type, file: Path, where: str) -> Any:
    value = document.get(key)
    if not isinstance(value, kind):
        raise UserInputError(f"is required ({kind.__name__})", file=file, key_path=f"{where}{key}")
    return value


def _principal(item: Any, file: Path, index: int) -> SandboxPrincipal:
    where = f"principals[{index}]."
    if not isinstance(item, dict):
        raise UserInputError("must be an object", file=file, key_path=where.rstrip("."))
    arn, key_id, secret = (
        _required(item, k, str, file, where) for k in ("arn", "accessKeyId", "accessKeySecret")
    )
    return SandboxPrincipal(arn, key_id, secret)


def read_ready_file(path: Path) -> SandboxReady:
    """The ready file's contents; a missing key names its key path."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UserInputError(f"cannot read the sandbox ready file ({error})", file=path) from None
    if not isinstance(document, dict):
        raise UserInputError("must be a JSON object", file=path)
    urls = _required(document, "endpoints", dict, path, "")
    endpoints = {
        name: Endpoint.parse(_required(urls, name, str, path, "endpoints."), key_path=f"endpoints.{name}")
        for name in SERVICES
    }
    principals = _required(document, "principals", list, path, "")
    if not principals:
        raise UserInputError("names no principal", file=path, key_path="principals")
    keys = document.get("callbackKeys") or {}
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise UserInputError("must be an object of strings", file=path, key_path="callbackKeys")
    return SandboxReady(
        Endpoints(**endpoints),
        _required(document, "region", str, path, ""),
        tuple(_principal(item, path, index) for index, item in enumerate(principals)),
        dict(keys),
    )
