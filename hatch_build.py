"""Build hook (hatchling): the wheel ships components/ as icekit/components/ (see pyproject.toml).

Only the standard wheel: an editable install (`make env`) must import the tree's components/ itself, and
hatchling would copy force-included files into site-packages.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

__all__ = ["ComponentsUnderIcekit"]

# The tree's directory -> its path in the wheel (the import name icekit.program.BUNDLED_COMPONENTS).
COMPONENTS_IN_WHEEL = {"components": "icekit/components"}


class ComponentsUnderIcekit(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "standard":
            build_data["force_include"].update(COMPONENTS_IN_WHEEL)
