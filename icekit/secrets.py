"""How secrets look wherever icekit shows or stores them."""

from __future__ import annotations

__all__ = ["MASK", "OFFLINE_SECRET_PREFIX", "is_masked", "is_offline_placeholder", "offline_placeholder"]

# The same mask `pulumi stack output --json` prints for a secret without --show-secrets.
MASK = "[secret]"

# `secure:` values are never decrypted offline; the plan feeds the program this placeholder instead.
OFFLINE_SECRET_PREFIX = "icekit-offline-secret:"


def is_masked(value: object) -> bool:
    return value == MASK


def offline_placeholder(key_path: str) -> str:
    """A stable stand-in for an undecrypted `secure:` value, naming where it came from."""
    return f"{OFFLINE_SECRET_PREFIX}{key_path}"


def is_offline_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.startswith(OFFLINE_SECRET_PREFIX)
