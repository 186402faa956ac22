"""Read a stack file into a validated StackDeclaration without decrypting anything."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from icekit.errors import UserInputError, not_utf8_message
from icekit.project import stack_name_of
from icekit.secrets import offline_placeholder
from icekit.stack.build import build_spec
from icekit.stack.keypath import NAMESPACE
from icekit.stack.model import StackDeclaration
from icekit.stack.secret import SecretValue

__all__ = [
    "RuntimeConfig",
    "load_stack",
    "read_stack_config",
    "runtime_config",
    "runtime_config_of",
]

# libyaml's loader where PyYAML has it: the same documents in a tenth of the pure-Python loader's time (which
# was about 5% of a 200-app plan, bench/plan.py).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _full_key(key: str) -> str:
    # Pulumi puts keys without a namespace into the project's namespace (the project is `icekit`).
    return key if ":" in key else f"{NAMESPACE}:{key}"


def _with_secrets(value: Any, key_path: str) -> Any:
    """Replace each `{secure: ...}` mapping with a SecretValue that remembers its key path."""
    if isinstance(value, dict):
        if set(value) == {"secure"} and isinstance(value["secure"], str):
            return SecretValue(key_path=key_path, ciphertext=value["secure"])
        return {k: _with_secrets(v, f"{key_path}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_with_secrets(v, f"{key_path}[{i}]") for i, v in enumerate(value)]
    return value


def _duplicate_key(node: yaml.Node, path: str) -> tuple[str, yaml.Node] | None:
    """The key path of the first key a mapping repeats (PyYAML would silently keep the last value)."""
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if not path:
                child = "config" if key == "config" else str(key)
            elif path == "config":
                child = _full_key(str(key))
            else:
                child = f"{path}.{key}"
            if key in seen:
                return child, key_node
            seen.add(key)
            found = _duplicate_key(value_node, child)
            if found:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found = _duplicate_key(item, f"{path}[{index}]")
            if found:
                return found
    return None


def _load(text: str, stack_file: Path) -> Any:
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        found = _duplicate_key(node, "")
        if found:
            key_path, key_node = found
            raise UserInputError(
                f"is given twice (again at line {key_node.start_mark.line + 1}); a YAML reader would "
                "silently keep only the last one: merge them or rename one",
                file=stack_file,
                key_path=key_path,
            )
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _load_reporting_errors(text: str, stack_file: Path) -> Any:
    """Parse again with the pure-Python loader, whose error marks icekit reports (libyaml places some errors
    elsewhere, e.g. an unclosed flow sequence at the end of the file)."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise UserInputError(f"not valid YAML{where}", file=stack_file) from None


def read_stack_config(stack_file: Path) -> dict[str, Any]:
    """The stack file's `config:` as full key -> value, `secure:` values as SecretValue."""
    try:
        text = stack_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserInputError("stack file not found", file=stack_file) from None
    except OSError as exc:
        raise UserInputError(f"cannot read stack file ({exc.strerror})", file=stack_file) from None
    except UnicodeDecodeError as exc:
        raise UserInputError(not_utf8_message(exc), file=stack_file) from None
    try:
        document = _load(text, stack_file)
    except yaml.YAMLError:
        document = _load_reporting_errors(text, stack_file)
    if document is None:
        document = {}
    if not isinstance(document, dict):
        raise UserInputError("a stack file is a mapping with a `config:` key", file=stack_file)
    config = document.get("config")
    if not isinstance(config, dict):
        raise UserInputError("missing or not a mapping", file=stack_file, key_path="config")
    result: dict[str, Any] = {}
    for key, value in config.items():
        full = _full_key(str(key))
        result[full] = _with_secrets(value, full)
    return result


def load_stack(stack_file: Path) -> StackDeclaration:
    """Validate a stack file's declaration: model, region and references. Never decrypts `secure:` values."""
    stack = stack_name_of(stack_file)
    return build_spec(read_stack_config(stack_file), stack=stack, file=stack_file)


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
    return runtime_config_of(read_stack_config(stack_file))


def runtime_config_of(config: Mapping[str, Any]) -> RuntimeConfig:
    """The same from an already-read stack config (`read_stack_config`), so a caller reads the file once.

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
