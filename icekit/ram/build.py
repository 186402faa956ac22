"""Building statements from what a declaration says: a trust statement for named principals, and
conditions from RAM's `Condition` object form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from icekit.ram.model import Condition, Principal, Statement
from icekit.ram.names import ASSUME_ROLE

__all__ = ["assume_role_statement", "conditions_from_block", "objects_pattern"]


def assume_role_statement(principals: Iterable[str]) -> Statement:
    """Who may assume a role: `sts:AssumeRole` for the listed RAM principals (account or role ARNs)."""
    return Statement(actions=(ASSUME_ROLE,), principals=tuple(Principal("RAM", p) for p in principals))


def objects_pattern(bucket: str, prefix: str) -> str:
    """The Resource of every object under `prefix` in `bucket`, in any region and account: the OSS ARN
    `acs:oss:<region>:<account>:<bucket>/<key>` with the key a prefix pattern."""
    return f"acs:oss:*:*:{bucket}/{prefix}*"


def conditions_from_block(block: Mapping[str, Mapping[str, Sequence[str]]]) -> tuple[Condition, ...]:
    """`{"IpAddress": {"acs:SourceIp": [...]}}` as the model's conditions (in the block's order)."""
    return tuple(
        Condition(operator, key, tuple(values))
        for operator, keys in block.items()
        for key, values in keys.items()
    )
