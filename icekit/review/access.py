"""Access diff of one stack: RAM statements, trust policies, attachments, and how well buckets and
callbacks are protected. Pure functions over PlanResult-shaped dicts (`model_dump(mode="json")`).

The two entry points the verdict calls; each part has its module: the plan readers
(icekit.review.plan_reader), statements (icekit.review.statement_diff), attachments
(icekit.review.attachment_diff) and the other resources (icekit.review.resource_diff). Statements and
attachments are classified by the evaluator when a judge is given (icekit.review.exact).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from icekit.facts.type_tokens import RAM_POLICY as POLICY_TYPE
from icekit.facts.type_tokens import RAM_ROLE as ROLE_TYPE
from icekit.facts.type_tokens import ROLE_POLICY_ATTACHMENT as ATTACHMENT_TYPE
from icekit.report.model import ResourceChange, StatementChange
from icekit.review.attachment_diff import attachment_changes
from icekit.review.plan_reader import Plan
from icekit.review.resource_diff import resource_changes
from icekit.review.statement_diff import TRUST_SUFFIX, deny_still_matters, document_changes, documents

if TYPE_CHECKING:
    from icekit.review.exact import ExactJudge

# The type tokens stay importable from here, as before the split (their home is icekit.facts.type_tokens).
__all__ = ["ATTACHMENT_TYPE", "POLICY_TYPE", "ROLE_TYPE", "diff_resources", "diff_statements"]


def diff_statements(
    base: Plan | None, head: Plan | None, judge: ExactJudge | None = None
) -> list[StatementChange]:
    base_docs = documents(base)
    head_docs = documents(head)
    changes: list[StatementChange] = []
    for key in sorted(set(base_docs) | set(head_docs), key=lambda k: (base_docs.get(k) or head_docs[k])[0]):
        label, base_doc = base_docs.get(key, ("", None))
        head_label, head_doc = head_docs.get(key, ("", None))
        deny_matters = key in head_docs or deny_still_matters(key, base, head)
        changes += document_changes(
            head_label or label,
            base_doc,
            head_doc,
            trust=key.endswith(TRUST_SUFFIX),
            deny_matters=deny_matters,
            judge=judge,
        )
    return changes


def diff_resources(
    base: Plan | None, head: Plan | None, exact: ExactJudge | None = None
) -> list[ResourceChange]:
    """Attachments first (judged by `exact` when given), then every other added/removed/changed resource
    with its input fields."""
    return attachment_changes(base, head, exact) + resource_changes(base, head)
