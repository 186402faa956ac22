"""The line of every key path in a stack (or policy) file, taken from the parse that read it: PyYAML keeps
each node's start mark, so lines are those of the file as written, comments and all. JSON is YAML here.

The plan carries a stack file's index, so check, review and SARIF locate findings without reading it again.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml
from pydantic import ConfigDict, Field, RootModel
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from icekit.keypath import join_key_path, parse_key_path

__all__ = ["LineIndex"]

# libyaml's composer where PyYAML has it: the same nodes and marks, a tenth of the time.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _index(node: Node, path: str, lines: dict[str, int]) -> None:
    """Mapping keys at the line of the key, list items at the line of the item; the first of a repeat wins."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                child = join_key_path(path, [str(key_node.value)])
                lines.setdefault(child, key_node.start_mark.line + 1)
                _index(value_node, child, lines)
    elif isinstance(node, SequenceNode):
        for position, item in enumerate(node.value):
            child = f"{path}[{position}]"
            lines.setdefault(child, item.start_mark.line + 1)
            _index(item, child, lines)


class LineIndex(RootModel[dict[str, int]]):
    """key path -> 1-based line, for every key and list item of a file."""

    model_config = ConfigDict(frozen=True)

    root: dict[str, int] = Field(default_factory=dict)

    @classmethod
    def of_node(cls, node: Node | None, top_key: Callable[[str], str] = str) -> LineIndex:
        """The index of a composed document; `top_key` spells its top-level keys (a stack file's `config:`
        keys get their namespace)."""
        lines: dict[str, int] = {}
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    key = top_key(str(key_node.value))
                    lines.setdefault(key, key_node.start_mark.line + 1)
                    _index(value_node, key, lines)
        elif node is not None:
            _index(node, "", lines)
        return cls(lines)

    @classmethod
    def of_text(cls, text: str) -> LineIndex:
        """The index of a YAML or JSON text; empty when it does not parse."""
        try:
            node = yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            node = None
        return cls.of_node(node)

    def line_of(self, key_path: str | None) -> int | None:
        """The line of the deepest part of `key_path` in the file (None: not even its first part)."""
        parts = parse_key_path(key_path) if key_path else []
        for depth in range(len(parts), 0, -1):
            line = self.root.get(join_key_path("", parts[:depth]))
            if line is not None:
                return line
        return None
