"""The ids of icekit's guardrail rules, in id order (RAM1xx, STS2xx, OSS3xx, CB4xx, ICE5xx).

The declaration checks `icekit:guardrails.enforcement` keys against these without importing the rules;
each rule class declares which of them it is (`Rule.id: RuleId`, checked by mypy), and
`icekit.rules.registry` fails at import unless there is exactly one rule per id. A new rule adds its id here.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ALL_RULE_IDS",
    "RULE_IDS",
    "STACK_SET_RULE_IDS",
    "RuleId",
    "StackSetRuleId",
    "id_matches",
]

RuleId = Literal[
    "RAM100", "RAM101", "RAM102", "RAM103", "RAM104", "RAM105", "RAM106", "RAM107", "RAM108",
    "STS201", "STS202",
    "OSS301", "OSS302",
    "CB401", "CB402", "CB403", "CB404", "CB405",
    "ICE501", "ICE502", "ICE503", "ICE504", "ICE505",
]  # fmt: skip
RULE_IDS: tuple[str, ...] = get_args(RuleId)

# Rules over a set of stacks of one project (icekit.rules.set): `icekit check` over several stacks and
# `icekit review` run them; CrossGuard, which sees one stack, cannot.
StackSetRuleId = Literal["SET601", "SET602"]
STACK_SET_RULE_IDS: tuple[str, ...] = get_args(StackSetRuleId)
ALL_RULE_IDS: tuple[str, ...] = RULE_IDS + STACK_SET_RULE_IDS


def id_matches(pattern: str, rule_id: str) -> bool:
    """`RAM101`, `RAM1` and `RAM` all match rule `RAM101` (case-insensitive), cfn-lint style."""
    return rule_id.upper().startswith(pattern.upper())
