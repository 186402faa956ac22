"""Reading rule inputs that may be secret, unknown during preview, or missing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from icekit.secrets import MASK

__all__ = ["UNKNOWN_SENTINELS", "is_opaque", "prop_str"]

# pulumi_policy.proxy's sentinels for values not known during preview (copied, so rules never import it).
UNKNOWN_SENTINELS = frozenset(
    {
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
        "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    }
)


def is_opaque(value: Any) -> bool:
    """A value no rule can judge: masked secret or not known yet."""
    return value == MASK or (isinstance(value, str) and value in UNKNOWN_SENTINELS)


def prop_str(props: Mapping[str, Any], *keys: str) -> str | None:
    """The first present string property among `keys` (new name first, deprecated aliases after)."""
    for key in keys:
        value = props.get(key)
        if isinstance(value, str) and not is_opaque(value):
            return value
    return None
