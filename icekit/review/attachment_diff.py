"""Attachment diff of one stack: every role policy attachment added or removed between base and head,
judged by the evaluator when a judge is given (an added one broadens, a removed one narrows, otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from icekit.report.model import ResourceChange
from icekit.review.classification import judged
from icekit.review.plan_reader import Plan, attachments

if TYPE_CHECKING:
    from icekit.review.exact import ExactJudge

__all__ = ["attachment_changes"]


def attachment_changes(
    base: Plan | None, head: Plan | None, judge: ExactJudge | None = None
) -> list[ResourceChange]:
    before, after = attachments(base), attachments(head)
    changes = []
    for role, policy, policy_type in sorted(after - before):
        name = f"{policy} ({policy_type}) -> role {role}"
        exact = judge.attachment(role, policy, policy_type, "added") if judge else None
        classification, reasons = judged("broadening", ("attachment added",), exact)
        changes.append(ResourceChange("policy attachment", name, "added", classification, reasons))
    for role, policy, policy_type in sorted(before - after):
        name = f"{policy} ({policy_type}) -> role {role}"
        exact = judge.attachment(role, policy, policy_type, "removed") if judge else None
        classification, reasons = judged("narrowing", ("attachment removed",), exact)
        changes.append(ResourceChange("policy attachment", name, "removed", classification, reasons))
    return changes
