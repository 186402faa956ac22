"""CB404: MNS callback queues are named `ice-callback-...`, as ICE requires."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.facts.callbacks import MNS_QUEUE_PREFIX
from icekit.facts.type_tokens import SERVICE_QUEUE
from icekit.rules.base import ResourceRule
from icekit.rules.cb.common import CALLBACK_TYPES, callback_facts
from icekit.rules.context import RuleContext
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["MnsQueueName"]


class MnsQueueName(ResourceRule):
    id = "CB404"
    slug = "mns-queue-name"
    title = "MNS callback queue names start with `ice-callback-`"
    severity = "medium"
    enforcement = "mandatory"
    rationale = "ICE writes events only to MNS queues whose name starts with `ice-callback-`; others fail."
    fix = "Rename the queue `ice-callback-<something>`."
    resource_types = (*CALLBACK_TYPES, SERVICE_QUEUE)

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        if view.type == SERVICE_QUEUE:
            name = prop_str(view.props, "queueName")
        else:
            facts = callback_facts(view)
            name = facts.queue_name if facts is not None and facts.kind == "mns" else None
        if name is not None and not name.startswith(MNS_QUEUE_PREFIX):
            yield f"queue {name!r} does not start with {MNS_QUEUE_PREFIX!r}"
