"""STS202: another account (or an identity provider) may assume the role only under a condition."""

from __future__ import annotations

from collections.abc import Iterator

from icekit.ram import allow_statements
from icekit.ram.principals import principal_account
from icekit.rules.base import ResourceRule
from icekit.rules.context import RuleContext
from icekit.rules.sts.common import ROLE_TYPES, trust_document_text
from icekit.rules.view import ResourceView

__all__ = ["CrossAccountCondition"]


class CrossAccountCondition(ResourceRule):
    id = "STS202"
    slug = "cross-account-condition"
    title = "Other accounts and identity providers assume the role only under a condition"
    severity = "high"
    enforcement = "mandatory"
    rationale = (
        "Trusting another account hands the decision of who uploads to that account's administrators; a "
        "condition (source IP, external id, MFA) keeps part of it here. Federated principals need one too."
    )
    fix = (
        "Add a `Condition` to the statement (e.g. `IpAddress: {acs:SourceIp: [...]}`), or trust a principal "
        "in this account."
    )
    resource_types = ROLE_TYPES

    @classmethod
    def check(cls, view: ResourceView, ctx: RuleContext) -> Iterator[str]:
        for index, statement in allow_statements(ctx.document(trust_document_text(view))):
            if statement.conditions:
                continue
            for kind, value in statement.principals:
                if "*" in value:
                    continue  # STS201's
                if kind == "Federated":
                    yield f"Statement[{index}] trusts identity provider {value!r} unconditionally"
                    continue
                if kind != "RAM" or ctx.account_id is None:
                    continue  # without the stack's account id, "another account" cannot be told apart
                account = principal_account(value)
                if account is not None and account != ctx.account_id:
                    yield (
                        f"Statement[{index}] trusts {value!r} in account {account} "
                        f"(this stack: {ctx.account_id}) without a condition"
                    )
