"""Who a RAM principal is, and which principals a trust statement admits.

`acs:ram::<account>:root` (or a bare account id) trusts every RAM identity of that account (which still
needs sts:AssumeRole on its own side): ice-upload-facts.md, RAM; docs/ram-evaluation.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from icekit.ram.match import GlobSet
from icekit.ram.model import Principal

__all__ = ["PrincipalSet", "account_root", "principal_account"]

_RAM_ARN = re.compile(r"^acs:ram::([^:]*):")
_ACCOUNT_ROOT = re.compile(r"^acs:ram::([^:]*):root$")


def principal_account(value: str) -> str | None:
    """The account a RAM principal belongs to: a bare account id or `acs:ram::<account>:...`."""
    if value.isdigit():
        return value
    match = _RAM_ARN.match(value)
    return match.group(1) if match else None


def account_root(value: str) -> str | None:
    """The account (possibly a pattern such as `*`) when `value` names a whole account, else None."""
    if value.isdigit():
        return value
    match = _ACCOUNT_ROOT.match(value)
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class _Kind:
    identities: GlobSet  # whole principal values
    accounts: GlobSet  # accounts trusted as a whole (RAM `...:root` or a bare id)


@dataclass(frozen=True, slots=True)
class PrincipalSet:
    """A trust statement's principals, compiled: `matches(principal)` for the caller of sts:AssumeRole.

    Kinds compare as written (`RAM`, `Service`, `Federated`); `"Principal": "*"` admits anyone. RAM and
    Federated values compare case-sensitively (ARNs), Service names (domain names) case-insensitively.
    """

    anyone: bool
    kinds: dict[str, _Kind]

    @classmethod
    def of(cls, principals: Iterable[Principal]) -> PrincipalSet:
        values: dict[str, list[str]] = {}
        roots: dict[str, list[str]] = {}
        for kind, value in principals:
            root = account_root(value) if kind == "RAM" else None
            if root is None:
                values.setdefault(kind, []).append(value)
            else:
                roots.setdefault(kind, []).append(root)
        kinds = {
            kind: _Kind(
                identities=GlobSet.of(values.get(kind, ()), ignore_case=kind == "Service"),
                accounts=GlobSet.of(roots.get(kind, ()), ignore_case=False),
            )
            for kind in {*values, *roots}
        }
        return cls(anyone="*" in kinds, kinds=kinds)

    def matches(self, principal: Principal) -> bool:
        if self.anyone:
            return True
        entry = self.kinds.get(principal.kind)
        if entry is None:
            return False
        if entry.identities.matches(principal.value):
            return True
        account = principal_account(principal.value) if principal.kind == "RAM" else None
        return account is not None and entry.accounts.matches(account)
