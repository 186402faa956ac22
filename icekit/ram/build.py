"""Building statements from what a declaration says: a trust statement for named principals, and
conditions from RAM's `Condition` object form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from icekit.ram.model import Condition, Principal, Statement
from icekit.ram.names import ASSUME_ROLE

__all__ = ["assume_role_statement", "conditions_from_block"]


def assume_role_statement(principals: Iterable[str]) -> Statement:
    """Who may assume a role: `sts:AssumeRole` for the listed RAM principals (account or role ARNs)."""
    return Statement(actions=(ASSUME_ROLE,), principals=tuple(Principal("RAM", p) for p in principals))


def conditions_from_block(block: Mapping[str, Mapping[str, Sequence[str]]]) -> tuple[Condition, ...]:
    """`{"IpAddress": {"acs:SourceIp": [...]}}` as the model's conditions (in the block's order)."""
    return tuple(
        Condition(operator, key, tuple(values))
        for operator, keys in block.items()
        for key, values in keys.items()
    )
