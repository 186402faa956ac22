"""RAM106: every Allow statement carries the required condition keys.

`acs:SourceIp` is judged by the evaluator (icekit.access.breadth): what counts is whether the requests the
document allows through the statement are held to a network, so a statement without the key that a Deny
with `NotIpAddress` holds is fine, and one whose blocks admit every IPv4 (or IPv6) address is not. Other
keys are required by name.
"""

from __future__ import annotations

from collections.abc import Iterator

from icekit.access.breadth import SourceReach
from icekit.ram import allow_statements
from icekit.ram.names import SECURE_TRANSPORT, SOURCE_IP
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.ram.common import POLICY_TYPES, permission_document_text
from icekit.rules.view import ResourceView

__all__ = ["RequiredConditions"]


class RequiredConditions(ResourceRule):
    id = "RAM106"
    slug = "required-conditions"
    title = "Allow statements carry the required conditions"
    severity = "high"
    enforcement = "mandatory"
    rationale = (
        "Conditions bound leaked credentials: `acs:SecureTransport` refuses plain HTTP everywhere and "
        "`acs:SourceIp` in prod limits where the role's credentials work. Stacks add keys with "
        "`icekit:guardrails.requiredConditions`."
    )
    fix = (
        "Declare the app's `conditions` (secureTransport: true, sourceIp: [...]) so its policy carries "
        "`Bool: {acs:SecureTransport: true}` and `IpAddress: {acs:SourceIp: [...]}`."
    )
    resource_types = POLICY_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        required = ctx.required_conditions
        if not required:
            return
        text = permission_document_text(view)
        document = ctx.document(text)
        for index, statement in allow_statements(document):
            missing = [key for key in required if key.lower() not in statement.condition_keys]
            source = next((key for key in required if key.casefold() == SOURCE_IP.casefold()), None)
            if source is not None and document is not None:
                reach = ctx.memo.get(cls.id, text, lambda: SourceReach(document))
                admitted = reach.source_open(index)
                if source in missing and admitted is None:
                    missing.remove(source)  # another statement (a Deny) holds it to a network
                elif source not in missing and admitted is not None:
                    yield (
                        f"Statement[{index}] admits {admitted} under {source} (required in {ctx.environment})"
                    )
            if missing:
                yield (
                    f"Statement[{index}] lacks condition {', '.join(missing)} (required in {ctx.environment})"
                )
            # present but permissive: `acs:SecureTransport: false` allows plain HTTP only, the opposite
            secure = statement.condition_values(SECURE_TRANSPORT)
            enforced = SECURE_TRANSPORT.lower() in {k.lower() for k in required}
            if enforced and any(str(value).lower() != "true" for value in secure):
                yield f"Statement[{index}] sets {SECURE_TRANSPORT} to something other than true"
