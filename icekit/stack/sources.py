"""Where a declaration's values come from, in the manner of pydantic-settings' sources: each source hands the
one build (icekit.stack.build) the same shape, so every source gets the same checks and the same messages.

The sources: a stack file (icekit.stack.stack_file.StackFile, which also keeps the line of every key), the
Pulumi runtime config as the CLI feeds a program, and CrossGuard's stack config, which is the same runtime
config as the CLI hands it to the analyzer (both icekit.stack.runtime.runtime_source).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["ConfigSource", "Source"]


class Source(Protocol):
    """A stack's declared values: full config key (`icekit:apps`) -> value, objects already parsed, `secure:`
    values as icekit.stack.SecretValue; and the file users know, which every message names."""

    @property
    def stack(self) -> str: ...

    @property
    def file(self) -> str: ...

    @property
    def values(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class ConfigSource:
    """Values from anywhere but a stack file (the runtime config, a test's mapping)."""

    stack: str
    file: str
    values: Mapping[str, Any]
