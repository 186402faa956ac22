"""JSON report: the findings with their locations and counts, keys sorted, byte-stable."""

from __future__ import annotations

import json
from typing import Any

from icekit.check.report import CheckReport

__all__ = ["REPORT_VERSION", "render_json", "report_document"]

REPORT_VERSION = "1"


def report_document(report: CheckReport) -> dict[str, Any]:
    findings = []
    for item in report.findings:
        entry = item.finding.model_dump(mode="json")
        entry["location"] = {"file": item.file, "line": item.line}
        findings.append(entry)
    return {
        "version": REPORT_VERSION,
        "kind": report.kind,
        "target": report.target,
        "environment": report.environment,
        "region": report.region,
        "files": list(report.files),
        "summary": report.counts(),
        "findings": findings,
    }


def render_json(report: CheckReport) -> str:
    return json.dumps(report_document(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
