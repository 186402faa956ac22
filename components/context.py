"""What every component needs to know about the stack it is part of."""

from __future__ import annotations

from dataclasses import dataclass

from icekit.stack.from_config import stack_file_label
from icekit.stack.model import StackDeclaration

__all__ = ["StackContext"]


@dataclass(frozen=True)
class StackContext:
    spec: StackDeclaration

    @property
    def stack(self) -> str:
        return self.spec.stack

    @property
    def region(self) -> str:
        return self.spec.region

    @property
    def stack_file(self) -> str:
        return stack_file_label(self.spec.stack)
