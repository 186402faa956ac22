"""Which Pulumi components a plan or a deployment imports: the one home of their import names.

The installed wheel ships icekit's components as `icekit.components` (a name icekit owns). This repository
keeps them at components/ in its tree, imported as the top-level `components` from the checkout (the
editable install of `make env`, the review worker's checkout, Pulumi running __main__.py here). A project
scaffolded by `icekit init` has no components of its own and runs the installed ones: its __main__.py is
`from icekit.program import main; main()`.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Awaitable, Callable
from pathlib import Path

__all__ = [
    "BUNDLED_COMPONENTS",
    "DEPLOY_ENTRY",
    "PLAN_ENTRY",
    "PLAN_WINDOW",
    "TREE_COMPONENTS",
    "Program",
    "components_package",
    "has_own_components",
    "main",
    "program_module",
]

BUNDLED_COMPONENTS = "icekit.components"  # in the wheel (hatch_build.py maps components/ there)
TREE_COMPONENTS = "components"  # components/ in a checkout of this repository
_PROGRAM = "program"
DEPLOY_ENTRY = "main"  # what `pulumi preview/up` runs
# What the offline plan runs when the program has it (the same resources, registered in windows: see
# components/program.py); programs without it (an older revision in a review, a fork) are planned by `main`.
PLAN_ENTRY = "plan_main"
# The program module's count of apps its plan entry builds at a time; the plan's shards are whole windows.
PLAN_WINDOW = "PLAN_WINDOW"

Program = Callable[[], Awaitable[None] | None]


def has_own_components(project_dir: Path) -> bool:
    """A checkout that carries its own components/ package (this repository, or a fork of it)."""
    return (project_dir / TREE_COMPONENTS / "__init__.py").is_file()


def components_package() -> str:
    """The installed components: icekit's own name when the wheel is installed, else the tree's (an
    editable install of this repository, whose components/ is on sys.path)."""
    if importlib.util.find_spec(BUNDLED_COMPONENTS) is not None:
        return BUNDLED_COMPONENTS
    return TREE_COMPONENTS


def program_module(package: str | None = None) -> str:
    """The module holding the Pulumi program's `main` in `package` (default: the installed components)."""
    return f"{package or components_package()}.{_PROGRAM}"


def main() -> None:
    """Run the installed components' Pulumi program (a scaffolded project's __main__.py calls this)."""
    program: Program = getattr(importlib.import_module(program_module()), DEPLOY_ENTRY)
    program()
