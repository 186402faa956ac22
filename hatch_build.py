"""Build hook (hatchling): the wheel ships components/ as icekit/components/ (see pyproject.toml), and this
repository's CrossGuard pack (policies/) as icekit/scaffold/policies/, which `icekit init` copies.

Only the standard wheel: an editable install (`make env`) must import the tree's components/ itself, and
hatchling would copy force-included files into site-packages.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

__all__ = ["IN_WHEEL", "WheelLayout"]

# The tree's path -> its path in the wheel (icekit.program.BUNDLED_COMPONENTS, icekit.scaffold.files).
IN_WHEEL = {"components": "icekit/components", "policies": "icekit/scaffold/policies"}


class WheelLayout(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "standard":
            build_data["force_include"].update(IN_WHEEL)
