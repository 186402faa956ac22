"""The Pulumi runtime config as a source of the declaration: what the CLI hands a program (or the offline plan
feeds it), and what it hands CrossGuard's analyzer. Imports pulumi; nothing upload clients use imports this.

The engine hands values over decrypted without saying which leaves were `secure:`; icekit's only secret field
is a callback's authKey, so that is always treated as one, and a secret anywhere else is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

import pulumi
from pulumi.runtime import config as runtime_config
from pulumi.runtime import settings

from icekit.errors import UserInputError
from icekit.json_input import parse_json
from icekit.project import read_project_if_present, stack_file_name
from icekit.secrets import is_offline_placeholder
from icekit.stack.build import KNOWN_KEYS, SCALAR_KEYS, build_declaration
from icekit.stack.keys import NAMESPACE, REGION_KEY
from icekit.stack.program_input import ProgramInput, handed_program_input
from icekit.stack.secret import SecretValue
from icekit.stack.sources import ConfigSource

__all__ = ["program_input", "runtime_source", "stack_file_label"]


def _project_dir() -> Path:
    """The directory of Pulumi.yaml, as the CLI (or the offline plan) configures the SDK; left unconfigured,
    the SDK holds a placeholder, and a program runs in its project directory."""
    root = Path(settings.get_root_directory() or ".")
    return root if root.is_dir() else Path(".")


def stack_file_label(stack: str) -> str:
    """The stack file as users know it, where the project's Pulumi.yaml puts it (`stackConfigDir`)."""
    project = read_project_if_present(_project_dir())
    return stack_file_name(stack) if project is None else project.stack_label(stack)


def _secrets_marked(value: Any, key_path: str) -> Any:
    """Offline placeholders anywhere, and every callback `authKey`, become SecretValue.

    The engine hands the program decrypted values without saying which leaves were `secure:`; icekit's only
    secret field is a callback's authKey, so that is always treated as one (and a placeholder is never clear).
    """
    if isinstance(value, str) and is_offline_placeholder(value):
        return SecretValue(key_path=key_path)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            path = f"{key_path}.{k}"
            is_auth_key = key_path.startswith(f"{NAMESPACE}:callbacks.") and k == "authKey"
            if is_auth_key and isinstance(v, str) and not is_offline_placeholder(v):
                out[k] = SecretValue(key_path=path, plaintext=v)
            else:
                out[k] = _secrets_marked(v, path)
        return out
    if isinstance(value, list):
        return [_secrets_marked(v, f"{key_path}[{i}]") for i, v in enumerate(value)]
    return value


# The only key whose value may hold a secret: its callbacks' `authKey`s, which the program keeps secret.
_SECRET_HOLDER = f"{NAMESPACE}:callbacks"


def _secret_keys() -> set[str]:
    """Top-level keys that held a `secure:` value, from where the values come (get_config's order): the
    in-process config (set_all_config by the CLI's exec script or the offline plan), else the environment
    the language host sets (PULUMI_CONFIG_SECRET_KEYS next to PULUMI_CONFIG)."""
    in_process = runtime_config.CONFIG.get()
    if in_process:
        return {k for k in in_process if runtime_config.is_config_secret(k)}
    return set(runtime_config.get_config_secret_keys_env())


def _has_auth_key(callbacks: Any) -> bool:
    return isinstance(callbacks, dict) and any(
        isinstance(decl, dict) and decl.get("authKey") is not None for decl in callbacks.values()
    )


def _refuse_clear_secret(key: str, file: str) -> NoReturn:
    raise UserInputError(
        "a secret (`secure:`) value here would be used in clear: icekit keeps only callback auth keys "
        f"({_SECRET_HOLDER}.<name>.authKey) secret; set this value without --secret",
        file=file,
        key_path=key,
    )


def _all_config_keys() -> set[str]:
    keys = set(runtime_config.CONFIG.get())
    keys.update(runtime_config.get_config_env())
    return keys


def _decoded(key: str, raw: Any, secret_keys: set[str], file: str) -> Any:
    """One config value as the declaration takes it: objects parsed, secrets marked."""
    # The engine hands secrets over decrypted and the program cannot tell which leaf was one: a secret
    # anywhere but a callback's authKey would end up in clear in resources and outputs.
    if key in secret_keys and key != _SECRET_HOLDER:
        _refuse_clear_secret(key, file)
    if key in SCALAR_KEYS or key not in KNOWN_KEYS:
        return raw
    try:
        parsed = parse_json(raw) if isinstance(raw, str) else raw
    except ValueError:
        raise UserInputError(
            "expected an object or a list (JSON-encoded config value)", file=file, key_path=key
        ) from None
    if key in secret_keys and not _has_auth_key(parsed):
        _refuse_clear_secret(key, file)
    return _secrets_marked(parsed, key)


def runtime_source(stack: str | None = None, *, file: str | None = None) -> ConfigSource:
    """The running stack's declared values (`alicloud:region` and every `icekit:` key); messages name `file`,
    by default the stack file where Pulumi.yaml puts it."""
    stack = pulumi.get_stack() if stack is None else stack
    file = file or stack_file_label(stack)
    values: dict[str, Any] = {}
    secret_keys = _secret_keys()
    region = pulumi.Config("alicloud").get("region")
    if region is not None:
        values[REGION_KEY] = region
    for key in sorted(k for k in _all_config_keys() if k.startswith(f"{NAMESPACE}:")):
        raw = runtime_config.get_config(key)
        if raw is not None:
            values[key] = _decoded(key, raw, secret_keys, file)
    return ConfigSource(stack=stack, file=file, values=values)


def program_input() -> ProgramInput:
    """The declaration the program builds its resources from: the one the offline plan handed over (built
    from the same parse of the stack file), else built here from the runtime config (the Pulumi CLI)."""
    stack = pulumi.get_stack()
    handed = handed_program_input(stack)
    if handed is not None:
        return handed
    source = runtime_source(stack)
    return ProgramInput(declaration=build_declaration(source), stack_file=source.file)
