"""No import cycles among icekit's modules (and the components'), and the declaration stays light.

The graph: one node per module of icekit/ and components/; an edge for every `import` or `from ... import`
statement that names one of them, wherever it stands: at module level, inside a function (a lazy import
still couples the two modules) and under `if TYPE_CHECKING:` (a type-only dependency is a dependency). A
`from pkg import name` is an edge to the submodule `pkg.name` when there is one, else to `pkg` itself.
Parent packages a dotted import initialises implicitly are not edges: a package's `__init__` that
re-exports its submodules would otherwise make every sibling import a cycle, which Python resolves by
running the `__init__` first.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("icekit", "components")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
    }


def _resolve(node: ast.ImportFrom, module: str, path: Path) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if path.name == "__init__.py" else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                source = _resolve(node, module, path)
                targets = [
                    f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source for a in node.names
                ]
            graph[module].update(t for t in targets if t in modules and t != module)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path that returns to its start, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_there_are_no_import_cycles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    graph = import_graph()
    assert "icekit.stack.model" in graph["icekit.stack.build"]  # the graph sees real edges
    assert "icekit.plan.checks" in graph["icekit.review._plan_worker"]  # function-level ones too


def test_the_declaration_package_does_not_import_the_rules_or_pulumi() -> None:
    code = (
        "import sys, icekit.stack; "
        "print(sorted(m for m in sys.modules if m.startswith(('icekit.rules', 'pulumi'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


def test_the_rules_know_nothing_of_crossguard_or_pulumi() -> None:
    graph = import_graph()
    rules = [module for module in graph if module.startswith("icekit.rules")]
    assert rules and not any("icekit.crossguard" in graph[module] for module in rules)
    for module in rules:
        tree = ast.parse(_modules()[module].read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [name for name in names if name.split(".")[0] in ("pulumi", "pulumi_policy")], module
