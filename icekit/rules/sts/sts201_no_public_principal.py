"""STS201: the role cannot be assumed by any principal (`*`)."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.ram import allow_statements
from icekit.ram.principals import principal_account
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.sts.common import ROLE_TYPES, trust_document_text
from icekit.rules.view import ResourceView

__all__ = ["NoPublicPrincipal"]


class NoPublicPrincipal(ResourceRule):
    id = "STS201"
    slug = "no-public-principal"
    title = "Trust policy names who may assume the role (no `*` principal)"
    severity = "critical"
    enforcement = "mandatory"
    rationale = (
        "A `*` principal (or an account wildcard) lets any Alibaba Cloud account obtain the upload role."
    )
    fix = "List the RAM roles or users that request upload credentials in the app's `trustedPrincipals`."
    resource_types = ROLE_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        for index, statement in allow_statements(ctx.document(trust_document_text(view))):
            for kind, value in statement.principals:
                account = principal_account(value) if kind == "RAM" else None
                if "*" in value or (account is not None and "*" in account):
                    yield f"Statement[{index}] trusts any principal ({kind}: {value!r})"
