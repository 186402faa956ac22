"""icekit's guardrails: one rule per module, pure functions over resource views.

Rules and their engine only. Front ends: `icekit check` (offline, over icekit.plan) and the CrossGuard pack
in policies/ (built by the adapter icekit.crossguard).
"""

from __future__ import annotations

from icekit.rules.base import ResourceRule, Rule, StackRule, Violation
from icekit.rules.context import RuleContext
from icekit.rules.engine import evaluate
from icekit.rules.finding import Finding
from icekit.rules.registry import RULES, rule_by_id
from icekit.rules.view import ResourceView

__all__ = [
    "RULES",
    "Finding",
    "ResourceRule",
    "ResourceView",
    "Rule",
    "RuleContext",
    "StackRule",
    "Violation",
    "evaluate",
    "rule_by_id",
]
