"""RAM102: every `ice:` action is one ICE actually has."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.ram import document_statements
from icekit.ram.ice_actions import ICE_SERVICE, canonical_ice_action
from icekit.ram.names import action_service
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ram.common import POLICY_TYPES, permission_document_text
from icekit.rules.ram.ram101_no_wildcard_action import is_wildcard_action
from icekit.rules.view import ResourceView

__all__ = ["KnownIceAction"]


class KnownIceAction(ResourceRule):
    id = "RAM102"
    slug = "known-ice-action"
    title = "ICE actions exist and are spelled as ICE spells them"
    severity = "medium"
    enforcement = "mandatory"
    rationale = (
        "A misspelt action grants nothing, so the upload fails at run time, or hides a typo next to a "
        "real grant. The list of ICE actions ships with icekit (icekit/data/ice_ram_actions.json)."
    )
    fix = "Use an action from icekit/data/ice_ram_actions.json, spelled exactly."
    resource_types = POLICY_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        for index, statement in document_statements(ctx.document(permission_document_text(view))):
            for action in (*statement.actions, *statement.not_actions):
                if action_service(action) != ICE_SERVICE or is_wildcard_action(action):
                    continue  # wildcards are RAM101's
                known = canonical_ice_action(action)
                if known is None:
                    yield f"Statement[{index}]: {action!r} is not an ICE action"
                elif known != action:
                    yield f"Statement[{index}]: {action!r} is spelled {known!r} by ICE"
