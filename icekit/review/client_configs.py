"""Client configuration diff: what each application's configuration becomes, field by field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from icekit.review.fields import diff_fields
from icekit.review.model import AppConfigChange

__all__ = ["diff_client_configs"]


def _configs(plan: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if not plan:
        return {}
    configs = plan.get("clientConfigs")
    if configs is None:
        configs = (plan.get("outputs") or {}).get("clientConfigs")
    return configs if isinstance(configs, Mapping) else {}


def diff_client_configs(
    base: Mapping[str, Any] | None, head: Mapping[str, Any] | None
) -> list[AppConfigChange]:
    """Added apps list every field they get; removed apps are named; changed apps list changed fields.
    The request's wire strings (JSON in a string) are opened so each of their fields diffs on its own."""
    before, after = _configs(base), _configs(head)
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
