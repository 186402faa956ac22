"""What the evaluator decides, and which statement decided it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from icekit.ram.model import Statement

__all__ = ["DecidingStatement", "Decision", "DecisionKind"]

DecisionKind = Literal["explicit-deny", "allow", "implicit-deny"]


@dataclass(frozen=True, slots=True)
class DecidingStatement:
    """The statement that decided: its document (name and position among the documents evaluated) and its
    index in that document's `Statement` list."""

    document: str
    document_index: int
    statement_index: int
    statement: Statement

    def render(self) -> str:
        return f"{self.document} Statement[{self.statement_index}]"


@dataclass(frozen=True, slots=True)
class Decision:
    """`explicit-deny` (a Deny matched), `allow` (no Deny, an Allow matched) or `implicit-deny` (nothing
    matched: RAM denies by default). `statement` is None only for an implicit deny."""

    kind: DecisionKind
    statement: DecidingStatement | None = None

    @property
    def allowed(self) -> bool:
        return self.kind == "allow"

    def render(self) -> str:
        if self.statement is None:
            return "denied: no statement allows it"
        verb = "allowed" if self.allowed else "denied"
        return f"{verb} by {self.statement.render()}"
