"""JSON report: the findings with their locations and counts, keys sorted, byte-stable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from icekit.check.report import CheckReport, total_counts
from icekit.check.stable_json import stable_json

__all__ = ["REPORT_VERSION", "render_json", "render_json_reports", "report_document", "reports_document"]

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


def reports_document(reports: Sequence[CheckReport]) -> dict[str, Any]:
    """One report: its document, unchanged (what `icekit check STACK` always wrote). Several: the counts
    added up and one document per stack, in the order given, under `stacks`."""
    if len(reports) == 1:
        return report_document(reports[0])
    return {
        "version": REPORT_VERSION,
        "kind": "stacks",
        "summary": total_counts(reports),
        "stacks": [report_document(report) for report in reports],
    }


def render_json(report: CheckReport) -> str:
    return stable_json(report_document(report))


def render_json_reports(reports: Sequence[CheckReport]) -> str:
    return stable_json(reports_document(reports))
