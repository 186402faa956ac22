"""The review's exact judge: the evaluator's answers on both sides (icekit.access.diff) decide whether a
statement or an attachment change broadens, narrows or leaves access as it was.

A statement change broadens when its head Allow (or its base Deny) matches a request the role gained; it
narrows when its base Allow (or its head Deny) matches a request the role lost; otherwise it is neutral,
however it was rewritten. An attachment is judged the same way by the statements of its policy. The
statement-level heuristics (icekit.review.statement_diff) remain for what the evaluator cannot read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from icekit.access.diff import Direction, RoleComparison, compare_roles
from icekit.access.model import RoleAccessChange
from icekit.access.sentences import access_changes
from icekit.plan.model import PlanResult
from icekit.ram import Statement
from icekit.report.model import Classification

__all__ = ["AttachmentChange", "ExactJudge", "compare_stack"]

AttachmentChange = Literal["added", "removed"]
# (statement, its side, the direction of the requests it would have to match, the verdict if it does)
_Test = tuple[Statement, Direction, Classification]


def _classify(tests: Iterable[_Test], comparisons: Sequence[RoleComparison]) -> Classification | None:
    found: set[Classification] = set()
    for statement, direction, verdict in tests:
        for comparison in comparisons:
            touched = comparison.touches(statement, direction)
            if touched is None:
                return None
            if touched:
                found.add(verdict)
    if "broadening" in found:
        return "broadening"
    return "narrowing" if "narrowing" in found else "neutral"


def _tests(base: Statement | None, head: Statement | None) -> list[_Test]:
    """Replacing `base` by `head`: a head Allow or a base Deny can only have gained requests; a base Allow
    or a head Deny can only have lost them."""
    tests: list[_Test] = []
    if head is not None:
        tests.append((head, "gained", "broadening") if head.allows else (head, "lost", "narrowing"))
    if base is not None:
        tests.append((base, "lost", "narrowing") if base.allows else (base, "gained", "broadening"))
    return tests


class ExactJudge:
    """Judges the review's rows by the roles their documents belong to."""

    def __init__(self, comparisons: Sequence[RoleComparison]) -> None:
        self._by_document: dict[str, list[RoleComparison]] = {}
        self._by_role = {comparison.role: comparison for comparison in comparisons}
        for comparison in comparisons:
            self._by_document.setdefault(f"trust policy of role {comparison.role}", []).append(comparison)
            for name in comparison.policy_names:
                self._by_document.setdefault(f"policy {name}", []).append(comparison)

    def statement(
        self, document: str, base: Statement | None, head: Statement | None
    ) -> Classification | None:
        """The change of one statement of `document` (a review label: `policy <name>` or `trust policy of
        role <name>`); None when the evaluator cannot tell. A document no role uses grants nothing."""
        return _classify(_tests(base, head), self._by_document.get(document, []))

    def attachment(
        self, role: str, policy: str, policy_type: str, change: AttachmentChange
    ) -> Classification | None:
        """An attachment of `policy` to `role` added or removed; None for a policy not in the plan."""
        comparison = self._by_role.get(role)
        if comparison is None:
            return None
        side = comparison.head if change == "added" else comparison.base
        documents = side.policies if side is not None else ()
        named = next((d for d in documents if d.name in (policy, f"{policy} ({policy_type})")), None)
        if named is None or named.document is None:
            return None
        tests = [
            test
            for statement in named.document.statements
            for test in _tests(*((None, statement) if change == "added" else (statement, None)))
        ]
        return _classify(tests, [comparison])


def compare_stack(
    base: PlanResult | None, head: PlanResult | None
) -> tuple[ExactJudge, tuple[RoleAccessChange, ...]]:
    """The judge of a stack's rows and its roles' access changes."""
    comparisons = compare_roles(base, head)
    # said as access once per role (icekit.access.sentences reads the comparison; it is not part of it)
    said = [access_changes(c) for c in comparisons]
    changes = tuple(change for change in said if change is not None)
    return ExactJudge(comparisons), changes
