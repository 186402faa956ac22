"""RAM101: no wildcard in an allowed action (`*`, `ice:*`, `oss:*`, and fragments such as `ice:Create*`).

The message says what the wildcard reaches, matched as the evaluator matches it against ICE's list
(icekit.access.breadth): `ice:Create*` is 60-odd actions today and any ICE adds later.
"""

from __future__ import annotations

from collections.abc import Iterator

from icekit.access.breadth import action_reach
from icekit.ram import allow_statements
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ram.common import POLICY_TYPES, permission_document_text
from icekit.rules.view import ResourceView

__all__ = ["NoWildcardAction", "is_wildcard_action"]


def is_wildcard_action(action: str) -> bool:
    # RAM matches `*` and `?` in action names; a fragment grants every action added later with that prefix.
    return "*" in action or "?" in action


class NoWildcardAction(ResourceRule):
    id = "RAM101"
    slug = "no-wildcard-action"
    title = "Allowed actions are named one by one, without wildcards"
    severity = "critical"
    enforcement = "mandatory"
    rationale = (
        "`*`, `<service>:*` and fragments like `ice:Create*` grant every matching action, including ones the "
        "service adds later; an upload client needs a handful of named actions."
    )
    fix = "List the exact actions, e.g. `ice:CreateUploadMedia`, `ice:RefreshUploadMedia`."
    resource_types = POLICY_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        # Allow statements only: a wildcard in a Deny only takes access away.
        for index, statement in allow_statements(ctx.document(permission_document_text(view))):
            for action in statement.actions:
                if is_wildcard_action(action):
                    reach = action_reach(statement.model_copy(update={"actions": (action,)}))
                    yield f"Statement[{index}] allows wildcard action {action!r}: {reach}"
