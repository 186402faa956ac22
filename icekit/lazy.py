"""A package's public names imported on first use (PEP 562 module `__getattr__`).

Importing any submodule runs its package's `__init__` first: one that imported every submodule would build
every pydantic model (and import jinja2) for a verb that needs one of them. A package lists where each name
lives; `from package import Name` imports that one home, once (the value is then a plain attribute).
The package names the same names in `__all__` and under `if TYPE_CHECKING:` for mypy;
tests/test_lazy_packages.py checks that the three agree.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

__all__ = ["import_home", "lazy_attributes"]


def import_home(module: str, name: str) -> ModuleType:
    """The module `module`, imported as an `import` statement would (importlib.import_module bypasses what
    `python -X importtime` reports, which is how the verbs' imports are measured)."""
    imported: ModuleType = __import__(module, fromlist=[name])
    return imported


def lazy_attributes(
    package: str, homes: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """`(__getattr__, __dir__)` for `package`, from `{module: (name, ...)}`: where each public name lives."""
    home_of = {name: module for module, names in homes.items() for name in names}
    namespace = sys.modules[package].__dict__

    def getattr_(name: str) -> Any:
        module = home_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_home(module, name), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*namespace, *home_of})

    return getattr_, dir_
