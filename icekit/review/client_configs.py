"""Client configuration diff: what each application's configuration becomes, field by field."""

from __future__ import annotations

from icekit.plan.model import PlanResult
from icekit.report.model import AppConfigChange
from icekit.review.fields import diff_fields

__all__ = ["diff_client_configs"]


def diff_client_configs(base: PlanResult | None, head: PlanResult | None) -> list[AppConfigChange]:
    """Added apps list every field they get; removed apps are named; changed apps list changed fields.
    The request's wire strings (JSON in a string) are opened so each of their fields diffs on its own."""
    before = base.clientConfigs if base else {}
    after = head.clientConfigs if head else {}
    changes = []
    for app in sorted(set(before) | set(after)):
        old, new = before.get(app), after.get(app)
        if old is None:
            changes.append(AppConfigChange(app, "added", diff_fields(None, new, decode_json_strings=True)))
        elif new is None:
            changes.append(AppConfigChange(app, "removed"))
        else:
            fields = diff_fields(old, new, decode_json_strings=True)
            if fields:
                changes.append(AppConfigChange(app, "changed", fields))
    return changes
