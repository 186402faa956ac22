"""`icekit plan --format json`: one document, keys in a fixed order, ready for machines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from icekit.plan.model import CARRIED, PlanResult
from icekit.rules import Finding

__all__ = ["plan_document", "plan_json"]


def plan_document(plan: PlanResult, findings: Sequence[Finding], files: Sequence[Path]) -> dict[str, Any]:
    """The plan result (contract field order, without what the plan carries for check and review), then
    `findings` and `files` (POSIX paths as written)."""
    document = plan.model_dump(mode="json", exclude=set(CARRIED))
    document["findings"] = [finding.model_dump(mode="json") for finding in findings]
    document["files"] = [path.as_posix() for path in files]
    return document


def plan_json(plan: PlanResult, findings: Sequence[Finding], files: Sequence[Path]) -> str:
    return json.dumps(plan_document(plan, findings, files), indent=2, ensure_ascii=False) + "\n"
