"""How values that only the cloud knows look in an offline plan: predictable and clearly marked."""

from __future__ import annotations

import re

__all__ = ["OFFLINE_ACCOUNT_ID", "offline_id"]

# The account id when the stack does not declare `icekit:accountId` (contract: "000000000000 marked offline").
OFFLINE_ACCOUNT_ID = "000000000000"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def offline_id(type_token: str, name: str) -> str:
    """`alicloud:ram/role:Role`, `app` -> `offline-role-app`."""
    kind = _NON_SLUG.sub("-", type_token.rsplit(":", 1)[-1].lower()).strip("-")
    return f"offline-{kind}-{name}"
