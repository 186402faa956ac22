"""A stack file read and parsed once: its `config:` values (`secure:` values as SecretValue, never decrypted)
and the line of every key path, both from the one node tree PyYAML composes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from icekit.errors import UserInputError, not_utf8_message
from icekit.facts.inputs import MAX_NESTING_DEPTH
from icekit.input_file import read_bounded
from icekit.keypath import join_key_path
from icekit.project import stack_name_of
from icekit.stack.keys import full_key
from icekit.stack.lines import LineIndex
from icekit.stack.secret import SecretValue
from icekit.stack.yaml_nodes import check_nodes

__all__ = ["StackFile"]

# libyaml's loader where PyYAML has it: the same documents in a tenth of the pure-Python loader's time (which
# was about 5% of a 200-app plan, bench/plan.py).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _with_secrets(value: Any, key_path: str) -> Any:
    """Replace each `{secure: ...}` mapping with a SecretValue that remembers its key path."""
    if isinstance(value, dict):
        if set(value) == {"secure"} and isinstance(value["secure"], str):
            return SecretValue(key_path=key_path, ciphertext=value["secure"])
        return {k: _with_secrets(v, f"{key_path}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_with_secrets(v, f"{key_path}[{i}]") for i, v in enumerate(value)]
    return value


def _child_path(path: str, key: str) -> str:
    """`config`, then `icekit:apps` (the namespace added), then `icekit:apps[0].name`."""
    if not path:
        return "config" if key == "config" else key
    if path == "config":
        return full_key(key)
    return join_key_path(path, [key])


def _compose(text: str, stack_file: Path) -> tuple[Any, Node | None]:
    """The document and its node tree, from one parse."""
    loader = _FAST_LOADER(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:  # the composer recurses; check_nodes bounds what it did compose
            raise _too_deep(stack_file) from None
        if node is None:
            return None, None
        check_nodes(node, str(stack_file), _child_path)
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def _too_deep(stack_file: Path) -> UserInputError:
    return UserInputError(f"nests lists and mappings deeper than {MAX_NESTING_DEPTH} levels", file=stack_file)


def _yaml_error(text: str, stack_file: Path) -> UserInputError:
    """Parse again with the pure-Python loader, whose error marks icekit reports (libyaml places some errors
    elsewhere, e.g. an unclosed flow sequence at the end of the file). Only a broken file is parsed twice."""
    try:
        yaml.safe_load(text)
    except RecursionError:
        return _too_deep(stack_file)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        return UserInputError(f"not valid YAML{where}", file=stack_file)
    return UserInputError("not valid YAML", file=stack_file)


def _read_text(stack_file: Path) -> str:
    try:
        return read_bounded(stack_file, directory="is a directory, not a stack file").decode("utf-8")
    except FileNotFoundError:
        raise UserInputError("stack file not found", file=stack_file) from None
    except OSError as exc:
        raise UserInputError(f"cannot read stack file ({exc.strerror})", file=stack_file) from None
    except UnicodeDecodeError as exc:
        raise UserInputError(not_utf8_message(exc), file=stack_file) from None


def _config_node(node: Node | None) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == "config":
                found: Node = value_node
                return found
    return None


@dataclass(frozen=True)
class StackFile:
    """A source of the declaration (icekit.stack.sources.Source) that also knows the line of each key."""

    path: Path
    stack: str
    values: Mapping[str, Any]
    lines: LineIndex

    @property
    def file(self) -> str:
        return str(self.path)

    @classmethod
    def read(cls, path: Path) -> StackFile:
        """Read `Pulumi.<stack>.yaml`; a missing, unreadable or malformed file is a UserInputError."""
        stack = stack_name_of(path)
        return cls.from_text(path, _read_text(path), stack=stack)

    @classmethod
    def from_text(cls, path: Path, text: str, *, stack: str | None = None) -> StackFile:
        """The file `path` holding `text` (already read); `stack` defaults to the one its name says."""
        stack = stack_name_of(path) if stack is None else stack
        try:
            document, node = _compose(text, path)
        except yaml.YAMLError as exc:
            # libyaml stops at 1000 levels: no need to parse again to say where
            too_deep = "maximum nesting depth" in str(exc)
            raise (_too_deep(path) if too_deep else _yaml_error(text, path)) from None
        if document is None:
            document = {}
        if not isinstance(document, dict):
            raise UserInputError("a stack file is a mapping with a `config:` key", file=path)
        config = document.get("config")
        if not isinstance(config, dict):
            raise UserInputError("missing or not a mapping", file=path, key_path="config")
        values = {
            full_key(str(key)): _with_secrets(value, full_key(str(key))) for key, value in config.items()
        }
        return cls(path, stack, values, LineIndex.of_node(_config_node(node), top_key=full_key))
