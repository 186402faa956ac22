"""Every stack-set rule, in id order (checked against icekit.facts.rule_ids.STACK_SET_RULE_IDS)."""

from __future__ import annotations

from icekit.facts.rule_ids import STACK_SET_RULE_IDS
from icekit.rules.set.base import StackSetRule
from icekit.rules.set.set601_one_event_callback import OneEventCallback
from icekit.rules.set.set602_unique_ram_names import UniqueRamNames

__all__ = ["STACK_SET_RULES"]

STACK_SET_RULES: tuple[type[StackSetRule], ...] = (OneEventCallback, UniqueRamNames)
if tuple(rule.id for rule in STACK_SET_RULES) != STACK_SET_RULE_IDS:
    raise ImportError(f"icekit.facts.rule_ids.STACK_SET_RULE_IDS {STACK_SET_RULE_IDS} != the rules")
