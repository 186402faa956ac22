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
from icekit.keypath import join_key_path
from icekit.project import stack_name_of
from icekit.stack.keys import full_key
from icekit.stack.lines import LineIndex
from icekit.stack.secret import SecretValue

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


def _duplicate_key(node: Node, path: str) -> tuple[str, Node] | None:
    """The key path of the first key a mapping repeats (PyYAML would silently keep the last value)."""
    if isinstance(node, MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else id(key_node)
            if not path:
                child = "config" if key == "config" else str(key)
            elif path == "config":
                child = full_key(str(key))
            else:
                child = join_key_path(path, [str(key)])
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


def _compose(text: str, stack_file: Path) -> tuple[Any, Node | None]:
    """The document and its node tree, from one parse."""
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        found = _duplicate_key(node, "")
        if found:
            key_path, key_node = found
            raise UserInputError(
                f"is given twice (again at line {key_node.start_mark.line + 1}); a YAML reader would "
                "silently keep only the last one: merge them or rename one",
                file=stack_file,
                key_path=key_path,
            )
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def _yaml_error(text: str, stack_file: Path) -> UserInputError:
    """Parse again with the pure-Python loader, whose error marks icekit reports (libyaml places some errors
    elsewhere, e.g. an unclosed flow sequence at the end of the file). Only a broken file is parsed twice."""
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        return UserInputError(f"not valid YAML{where}", file=stack_file)
    return UserInputError("not valid YAML", file=stack_file)


def _read_text(stack_file: Path) -> str:
    try:
        return stack_file.read_text(encoding="utf-8")
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
        except yaml.YAMLError:
            raise _yaml_error(text, path) from None
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
