"""A package's public names imported on first use (PEP 562 module `__getattr__`).

Importing any submodule runs its package's `__init__` first: one that imported every submodule would build
every pydantic model (and import jinja2) for a verb that needs one of them. A lazy package writes its
imports under `if TYPE_CHECKING:` (what mypy reads) and names them in `__all__`; at run time
`from package import Name` imports the home that block names, once (the value then is a plain attribute).
The block is the one list of where each name lives: it is read from the package's source on the first
lookup, so the homes are never written twice.
"""

from __future__ import annotations

import sys

# `typing` costs more to import than this module (icekit.upload keeps it out); type checkers read the block.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType
    from typing import Any

__all__ = ["import_home", "lazy_attributes", "type_checking_imports"]


def import_home(module: str, name: str) -> ModuleType:
    """The module `module`, imported as an `import` statement would (importlib.import_module bypasses what
    `python -X importtime` reports, which is how the verbs' imports are measured)."""
    imported: ModuleType = __import__(module, fromlist=[name])
    return imported


def type_checking_imports(source: str) -> dict[str, str]:
    """name -> module, from the `from module import name` statements of a module's top-level
    `if TYPE_CHECKING:` block (absolute imports only)."""
    import ast  # only on a package's first lookup (pydantic has usually loaded it by then)

    homes: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
                    homes.update({alias.asname or alias.name: statement.module for alias in statement.names})
    return homes


def lazy_attributes(package: str) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """`(__getattr__, __dir__)` for `package`: each name of its `__all__` from its home in the package's
    `if TYPE_CHECKING:` block."""
    namespace = sys.modules[package].__dict__
    homes: dict[str, str] = {}

    def getattr_(name: str) -> Any:
        if name not in namespace["__all__"]:  # probes such as `__wrapped__` read no source
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        if not homes:
            spec = namespace["__spec__"]
            source = spec.loader.get_source(spec.name)
            if source is None:  # installed without its .py files
                raise ImportError(f"{package} imports its names lazily and needs its source file")
            homes.update(type_checking_imports(source))
        home = homes.get(name)
        if home is None:
            raise AttributeError(
                f"{package}.{name} is in __all__ but imported from nowhere under TYPE_CHECKING"
            )
        value = getattr(import_home(home, name), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*namespace, *namespace["__all__"]})

    return getattr_, dir_
