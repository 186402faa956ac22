"""Documents compiled for evaluation: every pattern and condition of a statement turned into a matcher once,
so that deciding a request is a few set lookups and regex matches (the whole access table of every app,
and a local emulator on each request, evaluate many requests against the same documents).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from icekit.ram.match import GlobSet
from icekit.ram.model import PolicyDocument, Statement
from icekit.ram.operators import ConditionTest, EvaluationError, compile_condition
from icekit.ram.parse import parse_document
from icekit.ram.principals import PrincipalSet
from icekit.ram.request import Request

__all__ = ["CompiledPolicy", "CompiledStatement", "compile_policy"]


def _globs(patterns: tuple[str, ...], *, ignore_case: bool) -> GlobSet | None:
    return GlobSet.of(patterns, ignore_case=ignore_case) if patterns else None


@dataclass(frozen=True, slots=True)
class CompiledStatement:
    index: int
    statement: Statement
    actions: GlobSet | None  # None: the element is absent
    not_actions: GlobSet | None
    resources: GlobSet | None
    not_resources: GlobSet | None
    principals: PrincipalSet | None
    conditions: tuple[ConditionTest, ...]

    @classmethod
    def of(cls, index: int, statement: Statement) -> CompiledStatement:
        return cls(
            index=index,
            statement=statement,
            # Action names are case-insensitive in RAM; resource ARNs compare as written.
            actions=_globs(statement.actions, ignore_case=True),
            not_actions=_globs(statement.not_actions, ignore_case=True),
            resources=_globs(statement.resources, ignore_case=False),
            not_resources=_globs(statement.not_resources, ignore_case=False),
            principals=PrincipalSet.of(statement.principals) if statement.principals else None,
            conditions=tuple(compile_condition(condition) for condition in statement.conditions),
        )

    def matches_action(self, action: str) -> bool:
        if self.actions is not None:
            return self.actions.matches(action)
        # NotAction matches every action but its own; no Action element at all matches nothing.
        return self.not_actions is not None and not self.not_actions.matches(action)

    def matches_resource(self, resource: str) -> bool:
        if self.resources is not None:
            return self.resources.matches(resource)
        # No Resource element (a trust statement) does not restrict the resource.
        return self.not_resources is None or not self.not_resources.matches(resource)

    def admits(self, request: Request) -> bool:
        """Resource, principal and every condition match (the action is checked by `matches_action`)."""
        if not self.matches_resource(request.resource):
            return False
        if self.principals is not None and (
            request.principal is None or not self.principals.matches(request.principal)
        ):
            return False
        return all(condition.holds(request.context) for condition in self.conditions)

    def applies(self, request: Request) -> bool:
        """The statement matches the request: action, resource, principal, and every condition."""
        return self.matches_action(request.action) and self.admits(request)


# Per document: case-folded action -> (Deny statements, Allow statements) whose Action matches it.
_ActionStatements = tuple[tuple[CompiledStatement, ...], tuple[CompiledStatement, ...]]
_MAX_CACHED_ACTIONS = 4096


@dataclass(frozen=True, slots=True)
class CompiledPolicy:
    """One document ready for `evaluate`: its name (what decisions cite) and its compiled statements.

    It remembers, per action, which statements match that action, so that deciding many requests for the
    same actions (an access table, an emulator) checks resources and conditions only where they matter.
    """

    name: str
    denies: tuple[CompiledStatement, ...]
    allows: tuple[CompiledStatement, ...]
    _by_action: dict[str, _ActionStatements] = field(default_factory=dict, compare=False, repr=False)

    def for_action(self, action: str) -> _ActionStatements:
        key = action.casefold()
        found = self._by_action.get(key)
        if found is None:
            if len(self._by_action) >= _MAX_CACHED_ACTIONS:
                self._by_action.clear()  # bounded: requests may name arbitrary actions
            found = (
                tuple(s for s in self.denies if s.matches_action(key)),
                tuple(s for s in self.allows if s.matches_action(key)),
            )
            self._by_action[key] = found
        return found


def compile_policy(document: PolicyDocument | str, name: str = "policy") -> CompiledPolicy:
    """Compile once, evaluate many times. Text is parsed strictly; an operator outside RAM's list or a
    condition value that does not parse is an EvaluationError naming the statement."""
    parsed = parse_document(document) if isinstance(document, str) else document
    return _compiled(parsed, name)


@lru_cache(maxsize=512)
def _compiled(document: PolicyDocument, name: str) -> CompiledPolicy:
    statements = []
    for index, statement in enumerate(document.statements):
        try:
            statements.append(CompiledStatement.of(index, statement))
        except EvaluationError as exc:
            raise EvaluationError(f"{name} Statement[{index}]: {exc}") from None
    return CompiledPolicy(
        name=name,
        denies=tuple(s for s in statements if s.statement.effect == "Deny"),
        allows=tuple(s for s in statements if s.statement.effect == "Allow"),
    )
