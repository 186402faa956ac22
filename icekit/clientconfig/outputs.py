"""Read what `pulumi stack output --json` prints, per the stack-output contract (docs/contracts.md).

icekit's keys: `icekitContract` ("1"), `clientConfigs` (app -> ClientConfig document), `callbackAuthKeys`
(secret: app -> auth key, or the whole value masked as "[secret]" without --show-secrets).
Other keys are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icekit.clientconfig.model import ClientConfig
from icekit.errors import UserInputError
from icekit.facts.versions import OUTPUTS_CONTRACT_VERSION
from icekit.input_file import read_bounded
from icekit.json_input import parse_json
from icekit.models.input import decode_text
from icekit.models.problems import InvalidDocumentError
from icekit.secrets import MASK, is_masked

__all__ = ["StackOutputs", "parse_stack_outputs", "read_stack_outputs"]


@dataclass(frozen=True)
class StackOutputs:
    client_configs: dict[str, ClientConfig]
    # app -> auth key in clear; `auth_keys_masked` says some or all keys were printed as "[secret]".
    auth_keys: dict[str, str] = field(default_factory=dict)
    auth_keys_masked: bool = False

    def auth_key_for(self, app: str) -> str | None:
        return self.auth_keys.get(app)


def _error(message: str, key_path: str | None, file: str) -> UserInputError:
    return UserInputError(message, file=file, key_path=key_path)


def parse_stack_outputs(data: Any, file: str = "<outputs>") -> StackOutputs:
    if not isinstance(data, dict):
        raise _error("must be the JSON object `pulumi stack output --json` prints", None, file)
    contract = data.get("icekitContract")
    if contract is None:
        raise _error("is missing: these are not the outputs of an icekit stack", "icekitContract", file)
    if contract != OUTPUTS_CONTRACT_VERSION:
        raise _error(
            f"{contract!r} is not a contract version this icekit reads "
            f"(expected {OUTPUTS_CONTRACT_VERSION!r})",
            "icekitContract",
            file,
        )
    raw_configs = data.get("clientConfigs")
    if is_masked(raw_configs):
        raise _error("is masked as a secret; it should be a plain output", "clientConfigs", file)
    if not isinstance(raw_configs, dict):
        raise _error("must be an object: app name -> client configuration", "clientConfigs", file)
    configs: dict[str, ClientConfig] = {}
    for app in sorted(raw_configs):
        try:
            config = ClientConfig.from_data(raw_configs[app])
        except InvalidDocumentError as exc:
            raise exc.under(f"clientConfigs.{app}").with_file(file) from None
        if config.app != app:
            raise _error(
                f"says app {config.app!r}, but is listed under {app!r}", f"clientConfigs.{app}.app", file
            )
        configs[app] = config
    keys, masked = _auth_keys(data.get("callbackAuthKeys"), file)
    unknown = sorted(set(keys) - set(configs))
    if unknown:
        raise _error(
            f"names apps without a client configuration: {', '.join(unknown)}", "callbackAuthKeys", file
        )
    return StackOutputs(configs, keys, masked)


def _auth_keys(raw: Any, file: str) -> tuple[dict[str, str], bool]:
    if raw is None:
        return {}, False
    if is_masked(raw):
        return {}, True
    if not isinstance(raw, dict):
        raise _error(f"must be an object (app -> auth key) or {MASK!r}", "callbackAuthKeys", file)
    keys: dict[str, str] = {}
    masked = False
    for app, key in sorted(raw.items()):
        if is_masked(key):
            masked = True
        elif isinstance(key, str) and key:
            keys[app] = key
        else:
            raise _error("must be a non-empty string", f"callbackAuthKeys.{app}", file)
    return keys, masked


def read_stack_outputs(path: str | Path) -> StackOutputs:
    """Read a file (or `-` for stdin) holding `pulumi stack output --json`."""
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        text = decode_text(read_bounded(path, name))
    except UnicodeDecodeError:
        raise _error("is not UTF-8 text", None, name) from None
    except OSError as exc:
        raise _error(f"cannot be read ({exc.strerror or exc})", None, name) from None
    try:
        data = parse_json(text)
    except ValueError as exc:
        raise _error(f"is not valid JSON ({exc})", None, name) from None
    return parse_stack_outputs(data, name)
