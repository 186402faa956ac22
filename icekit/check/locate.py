"""Map a key path (`icekit:apps[1].callback`, `Statement[0]`) to its line in a YAML or JSON file.

PyYAML's compose() keeps each node's start mark, so lines come from the file as written (comments and all).
JSON files are composed the same way (JSON is YAML for the documents we read).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from icekit.keypath import parse_key_path

__all__ = ["Locator", "parse_key_path"]


def _child(node: Node, part: str | int) -> tuple[Node, Node] | None:
    """(key node or item node, value node) for one step, or None when absent."""
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return key_node, value_node
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item: Node = node.value[part]
        return item, item
    return None


@dataclass(frozen=True)
class Locator:
    """Lines of one file's key paths; `root` is a prefix every path lives under (`config` in stack files)."""

    root: Node | None
    prefix: tuple[str, ...] = ()

    @classmethod
    def from_text(cls, text: str, prefix: tuple[str, ...] = ()) -> Locator:
        try:
            # libyaml's composer where PyYAML has it: the same nodes and marks, a tenth of the time
            root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            root = None
        return cls(root, prefix)

    def line_of(self, key_path: str | None) -> int | None:
        """1-based line of the deepest part of `key_path` in the file (None: not even the first part)."""
        if self.root is None:
            return None
        node: Node = self.root
        line: int | None = None
        parts: list[str | int] = [*self.prefix, *(parse_key_path(key_path) if key_path else [])]
        for depth, part in enumerate(parts):
            step = _child(node, part)
            if step is None:
                break
            mark_node, node = step
            if depth >= len(self.prefix):
                line = mark_node.start_mark.line + 1
        return line
