"""What the Pulumi program builds from, and how the offline plan hands it over.

The offline plan reads and validates the stack file in its own process, then runs the program there: it
hands the built declaration over (`handed_to_program`) instead of letting the program build it again from
the config. Under the Pulumi CLI nothing is handed over and the program builds it from the runtime config
(icekit.stack.runtime.program_input).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from icekit.stack.model import StackDeclaration

__all__ = ["ProgramInput", "handed_program_input", "handed_to_program"]


@dataclass(frozen=True)
class ProgramInput:
    declaration: StackDeclaration
    stack_file: str  # the stack file as users know it, named in the components' messages
    # The offline plan's shards (icekit.plan.shards): the program's plan entry builds the shared components
    # and only these apps (indices into declaration.apps); None: every app. The deploy entry builds all.
    apps: range | None = None


# A context variable: the plan runs the program in a copy of its context, and nothing leaks past the run.
_HANDED: ContextVar[ProgramInput | None] = ContextVar("icekit_program_input", default=None)


@contextmanager
def handed_to_program(given: ProgramInput) -> Iterator[None]:
    """While the block runs, a program running stack `given.declaration.stack` builds from `given`."""
    token = _HANDED.set(given)
    try:
        yield
    finally:
        _HANDED.reset(token)


def handed_program_input(stack: str) -> ProgramInput | None:
    given = _HANDED.get()
    return given if given is not None and given.declaration.stack == stack else None
