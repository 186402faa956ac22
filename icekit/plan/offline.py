"""How values that only the cloud knows look in an offline plan: predictable and clearly marked."""

from __future__ import annotations

import re

__all__ = ["offline_id"]

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def offline_id(type_token: str, name: str) -> str:
    """`alicloud:ram/role:Role`, `app` -> `offline-role-app`."""
    kind = _NON_SLUG.sub("-", type_token.rsplit(":", 1)[-1].lower()).strip("-")
    return f"offline-{kind}-{name}"
