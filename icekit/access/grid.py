"""A domain's requests decided a statement at a time rather than a request at a time.

`icekit.ram.evaluate` decides one request: the first Deny whose Action matches and that admits it, else the
first such Allow. A statement admits a request by its resource, its principal and its conditions, and its
conditions read only the request's context. So on a domain, each statement's conditions are tried once per
context (a bitmask of the contexts in which they all hold) and its resource once per resource; a group of
alike actions is then decided on a resource for every context at once: the contexts some matching Allow
admits and no matching Deny admits, the deciding statement being the first Allow admitting the first of
them. That is evaluate's decision at every point (tests/access/test_grid.py checks it against evaluate).
A grid lives for one set of policies on one domain: nothing here outlives it.
"""

from __future__ import annotations

from collections.abc import Sequence

from icekit.access.domain import Domain
from icekit.ram import CompiledPolicy, DecidingStatement, Principal
from icekit.ram.compiled import CompiledStatement

__all__ = ["Decided", "DecisionGrid", "indexes"]

# (contexts allowed as a bitmask, the statement that allows the first of them; None when none is)
Decided = tuple[int, DecidingStatement | None]


def indexes(mask: int) -> frozenset[int]:
    """The context indexes a bitmask holds."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return frozenset(found)


class DecisionGrid:
    """`policies` (in evaluation order) decided on `domain`'s contexts."""

    def __init__(self, policies: Sequence[CompiledPolicy], domain: Domain) -> None:
        self.policies = tuple(policies)
        self.domain = domain
        self._contexts = domain.folded_contexts
        self._held: dict[int, int] = {}  # id(statement) -> contexts in which its conditions all hold
        self._admitting: dict[tuple[int, str, Principal | None], int] = {}

    def held(self, statement: CompiledStatement) -> int:
        """The contexts (bitmask) in which every condition of `statement` holds."""
        found = self._held.get(id(statement))
        if found is None:
            found = 0
            for index, context in enumerate(self._contexts):
                if all(condition.holds(context) for condition in statement.conditions):
                    found |= 1 << index
            self._held[id(statement)] = found
        return found

    def admitting(
        self, statement: CompiledStatement, resource: str, principal: Principal | None = None
    ) -> int:
        """The contexts in which `statement` admits a request on `resource` from `principal` (its Action
        is matched by the caller): `CompiledStatement.admits` at every context."""
        key = (id(statement), resource, principal)
        found = self._admitting.get(key)
        if found is None:
            found = 0
            if statement.matches_resource(resource) and (
                statement.principals is None
                or (principal is not None and statement.principals.matches(principal))
            ):
                found = self.held(statement)
            self._admitting[key] = found
        return found

    def decide(self, action: str, resource: str, principal: Principal | None = None) -> Decided:
        """`action` on `resource` from `principal` in every context of the domain."""
        denied = 0
        allows: list[tuple[int, CompiledPolicy, CompiledStatement, int]] = []
        for position, policy in enumerate(self.policies):
            denies, allowing = policy.for_action(action)
            for statement in denies:
                denied |= self.admitting(statement, resource, principal)
            for statement in allowing:
                mask = self.admitting(statement, resource, principal)
                if mask:
                    allows.append((position, policy, statement, mask))
        allowed = 0
        for *_, mask in allows:
            allowed |= mask
        allowed &= ~denied
        if not allowed:
            return 0, None
        first = allowed & -allowed
        position, policy, statement, _ = next(entry for entry in allows if entry[3] & first)
        return allowed, DecidingStatement(policy.name, position, statement.index, statement.statement)
