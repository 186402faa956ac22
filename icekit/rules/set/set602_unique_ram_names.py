"""SET602: role and policy names are unique across the stacks of one account."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations

from icekit.facts.type_tokens import RAM_POLICY, RAM_ROLE
from icekit.rules.set.base import SetViolation, StackMember, StackSetRule, shares_account, where
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["UniqueRamNames"]

# RAM names are per account (not per region): the resource type and the input that holds the name.
_NAMED = {RAM_ROLE: ("role", "roleName"), RAM_POLICY: ("policy", "policyName")}


def _names(member: StackMember) -> dict[tuple[str, str], ResourceView]:
    names: dict[tuple[str, str], ResourceView] = {}
    for view in member.resources:
        if view.type in _NAMED:
            kind, key = _NAMED[view.type]
            name = prop_str(view.props, key)
            if name is not None:
                names.setdefault((kind, name.lower()), view)  # RAM names compare case-insensitively
    return names


class UniqueRamNames(StackSetRule):
    id = "SET602"
    slug = "unique-ram-names"
    title = "Role and policy names are unique across the stacks of one account"
    severity = "high"
    enforcement = "mandatory"
    rationale = (
        "icekit names roles and policies icekit-<stack>-<app>: stack `dev` with app `x-y` and stack `dev-x` "
        "with app `y` both make `icekit-dev-x-y`. RAM names are unique per account, so the second stack "
        "fails to deploy or, imported, takes over the first one's role."
    )
    fix = "Rename an app (or a stack) so that the two names differ."

    @classmethod
    def check(cls, members: Sequence[StackMember]) -> Iterator[SetViolation]:
        named = [(member, _names(member)) for member in members]
        for (first, first_names), (second, second_names) in combinations(named, 2):
            if not shares_account(first, second):
                continue
            for kind, name in sorted(first_names.keys() & second_names.keys()):
                views = {first.stack: first_names[kind, name], second.stack: second_names[kind, name]}
                for mine, other in ((first, second), (second, first)):
                    view, theirs = views[mine.stack], views[other.stack]
                    yield SetViolation(
                        mine,
                        view,
                        view.declaration_path or "",
                        f"{kind} name {prop_str(view.props, _NAMED[view.type][1])!r} is also made by "
                        f"{where(other, theirs.declaration_path or '?')} in account {first.account_id}",
                    )
