"""What icekit accepts in a stack file's YAML, checked on the composed node tree before anything is built.

One iterative walk (no recursion, so any depth is measured safely; each node once, so aliases cost nothing)
refuses:
- an alias inside its own anchor (`&a [*a]`, a cycle), and a document whose aliases expand to more than
  `MAX_EXPANDED_VALUES` values (a 1 KB "billion laughs" file); aliases and merge keys within that bound are
  kept, as Pulumi's own YAML reader keeps them;
- nesting deeper than `MAX_NESTING_DEPTH` (aliases expanded), integers of more than `MAX_INTEGER_DIGITS`
  digits;
- a key given twice (a YAML reader would keep the last one silently), and keys that are not scalars;
- tags beyond JSON's types (`!!binary`, `!!set`, `!!omap`, ...), which no config value carries.
It reads keys and timestamps as the text they are written in, as the Pulumi CLI does (its config is
strings and JSON): `2024-01-01` stays a string, `1: a` has the key `"1"`, so any namespace's values pass
through to the program in the form Pulumi would give them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from yaml.nodes import Node, ScalarNode, SequenceNode

from icekit.errors import UserInputError
from icekit.facts.inputs import MAX_EXPANDED_VALUES, MAX_INTEGER_DIGITS, MAX_NESTING_DEPTH

__all__ = ["check_nodes"]

_TAG = "tag:yaml.org,2002:"
_STR = f"{_TAG}str"
_MERGE = f"{_TAG}merge"
_JSON_SCALARS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null")}
_AS_TEXT = {f"{_TAG}timestamp"}
_COLLECTIONS = {f"{_TAG}seq", f"{_TAG}map"}


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _scalar_problem(node: ScalarNode) -> str | None:
    if node.tag == _MERGE:
        return None
    if node.tag in _AS_TEXT:
        node.tag = _STR  # a date is the text it is written as, as Pulumi hands it over
    elif node.tag not in _JSON_SCALARS:
        return f"uses the YAML tag {node.tag.replace(_TAG, '!!')}, which no stack config value carries"
    elif node.tag == f"{_TAG}int" and len(node.value.lstrip("+-").replace("_", "")) > MAX_INTEGER_DIGITS:
        return f"is an integer of {len(node.value)} digits (at most {MAX_INTEGER_DIGITS})"
    return None


def _key_text(key_node: Node, where: str, file: str) -> str:
    if not isinstance(key_node, ScalarNode):
        raise UserInputError(
            f"has a key at line {_line(key_node)} that is a list or a mapping; keys are plain text",
            file=file,
            key_path=where or None,
        )
    if key_node.tag == _MERGE:
        return "<<"
    key_node.tag = _STR  # `1:`, `true:`, `null:` are the keys "1", "true", "null", as Pulumi reads them
    text: str = key_node.value
    return text


def _children(
    node: Node, path: str, file: str, child_path: Callable[[str, str], str]
) -> list[tuple[Node, str]]:
    if isinstance(node, SequenceNode):
        return [(item, f"{path}[{index}]") for index, item in enumerate(node.value)]
    children: list[tuple[Node, str]] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = _key_text(key_node, path, file)
        child = child_path(path, key)
        if key in seen:
            raise UserInputError(
                f"is given twice (again at line {_line(key_node)}); a YAML reader would silently keep only "
                "the last one: merge them or rename one",
                file=file,
                key_path=child,
            )
        seen[key] = _line(key_node)
        children.append((key_node, child))
        children.append((value_node, child))
    return children


def _top(path: str) -> str | None:
    """The config key a key path starts with (`icekit:apps[0].x` -> `icekit:apps`)."""
    return re.split(r"[.\[]", path, maxsplit=1)[0] or None


def _measure(node: Node, kids: list[Node], sizes: dict[int, tuple[int, int]], path: str, file: str) -> None:
    """The node's size and depth with every alias expanded, from its children's."""
    count = 1 + sum(sizes[id(kid)][0] for kid in kids)
    depth = (0 if isinstance(node, ScalarNode) else 1) + max((sizes[id(kid)][1] for kid in kids), default=0)
    if count > MAX_EXPANDED_VALUES:
        raise UserInputError(
            f"expands to more than {MAX_EXPANDED_VALUES} values through YAML aliases (`*name`)",
            file=file,
            key_path=_top(path),
        )
    if depth > MAX_NESTING_DEPTH:
        raise UserInputError(
            f"nests lists and mappings deeper than {MAX_NESTING_DEPTH} levels", file=file, key_path=_top(path)
        )
    sizes[id(node)] = (count, depth)


def _visit(node: Node, path: str, file: str, child_path: Callable[[str, str], str]) -> list[tuple[Node, str]]:
    """Check one node by itself; its children with their key paths."""
    if isinstance(node, ScalarNode):
        problem = _scalar_problem(node)
        if problem:
            raise UserInputError(problem, file=file, key_path=path or None)
        return []
    if node.tag not in _COLLECTIONS:
        tag = node.tag.replace(_TAG, "!!")
        message = f"uses the YAML tag {tag}, which no stack config value carries"
        raise UserInputError(message, file=file, key_path=path or None)
    return _children(node, path, file, child_path)


def check_nodes(root: Node, file: str, child_path: Callable[[str, str], str]) -> None:
    """Raise UserInputError (file and key path) for the first thing the module refuses under `root`;
    `child_path(path, key)` spells a mapping child's key path."""
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values, depth), aliases expanded
    open_nodes: set[int] = set()  # the nodes on the way from the root to the one visited
    stack: list[tuple[Node, str, list[Node] | None]] = [(root, "", None)]
    while stack:
        node, path, kids = stack.pop()
        if kids is not None:  # all children measured
            open_nodes.discard(id(node))
            _measure(node, kids, sizes, path, file)
            continue
        if id(node) in sizes:  # an alias of a node already measured
            continue
        if id(node) in open_nodes:
            message = "is a YAML alias inside its own anchor (`&a [*a]`), a value that never ends"
            raise UserInputError(message, file=file, key_path=path or None)
        if len(open_nodes) >= MAX_NESTING_DEPTH:
            raise UserInputError(
                f"nests lists and mappings deeper than {MAX_NESTING_DEPTH} levels",
                file=file,
                key_path=_top(path),
            )
        children = _visit(node, path, file, child_path)
        open_nodes.add(id(node))
        stack.append((node, path, [child for child, _ in children]))
        # reversed: the first child is checked first, so the file's first problem is the one reported
        stack.extend((child, where, None) for child, where in reversed(children))
