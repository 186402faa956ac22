"""Who a RAM principal is: the account it belongs to, and whether it names a whole account.

`acs:ram::<account>:root` (or a bare account id) trusts every RAM identity of that account that is allowed
to call sts:AssumeRole (ice-upload-facts.md, RAM; docs/ram-evaluation.md).
"""

from __future__ import annotations

import re

__all__ = ["account_root", "principal_account"]

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
