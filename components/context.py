"""What every component needs to know about the stack it is part of."""

from __future__ import annotations

from dataclasses import dataclass

from icekit.stack.model import StackDeclaration

__all__ = ["StackContext"]


@dataclass(frozen=True)
class StackContext:
    spec: StackDeclaration
    stack_file: str = ""  # gone with StackContext in the components step

    @property
    def stack(self) -> str:
        return self.spec.stack

    @property
    def region(self) -> str:
        return self.spec.region
