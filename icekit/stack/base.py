"""What every part of a declaration shares: a closed, frozen model whose aliases are the stack file's keys,
and the form of the names one part uses to refer to another."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from icekit.facts.names import NAME_PATTERN

__all__ = ["Decl", "Name"]


class Decl(BaseModel):
    """Unknown keys are errors; fields are read by their camelCase alias or their Python name."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, strict=True)


Name = Annotated[
    str, Field(pattern=NAME_PATTERN, description="Lower-case letters, digits, hyphens; 2-32 characters.")
]
