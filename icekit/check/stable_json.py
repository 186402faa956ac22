"""The JSON text of every report icekit writes: keys sorted, two-space indent, byte-stable."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["stable_json"]


def stable_json(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
