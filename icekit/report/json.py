"""JSON reports: one document per command run, byte-stable.

`check` and `review` sort keys (two-space indent); `plan` keeps the plan result's contract field order, then
`findings` and `files`.
"""

from __future__ import annotations

import json
from typing import Any

from icekit.report.model import (
    AppConfigChange,
    FieldChange,
    FindingsDiff,
    Report,
    ResourceChange,
    Review,
    StackReview,
    StatementChange,
    TargetReport,
)
from icekit.rules.finding import Finding

__all__ = ["REPORT_VERSION", "REVIEW_FORMAT_VERSION", "json_document", "render_json", "stable_json"]

REPORT_VERSION = "1"  # `icekit check --format json`
REVIEW_FORMAT_VERSION = "1"  # `icekit review --format json` (its `icekitReview` key)


def stable_json(document: Any) -> str:
    """The JSON text of every sorted report icekit writes: keys sorted, two-space indent, byte-stable."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def json_document(report: Report) -> dict[str, Any]:
    if report.command == "plan":
        return _plan_document(report)
    if report.command == "review":
        if report.review is None:
            raise ValueError("a review report carries its review")
        return _review_document(report.review)
    return _check_document(report)


def render_json(report: Report) -> str:
    if report.command == "plan":
        return json.dumps(json_document(report), indent=2, ensure_ascii=False) + "\n"
    return stable_json(json_document(report))


# --- plan ---------------------------------------------------------------------------------------------


def _plan_document(report: Report) -> dict[str, Any]:
    """The plan result (contract field order, without what the plan carries for check and review), then
    `findings` and `files` (POSIX paths as written)."""
    if report.plan is None:
        raise ValueError("a plan report carries its plan")
    document = report.plan.contract_document()
    document["findings"] = [item.finding.model_dump(mode="json") for item in report.findings]
    document["files"] = list(report.written)
    return document


# --- check --------------------------------------------------------------------------------------------


def _target_document(target: TargetReport) -> dict[str, Any]:
    findings = []
    for item in target.findings:
        entry = item.finding.model_dump(mode="json")
        entry["location"] = {"file": item.file, "line": item.line}
        findings.append(entry)
    return {
        "version": REPORT_VERSION,
        "kind": target.kind,
        "target": target.target,
        "environment": target.environment,
        "region": target.region,
        "files": list(target.files),
        "summary": target.counts(),
        "findings": findings,
    }


def _check_document(report: Report) -> dict[str, Any]:
    """One target: its document, unchanged (what `icekit check STACK` always wrote). Several: the counts
    added up and one document per stack, in the order given, under `stacks`."""
    if len(report.targets) == 1:
        return _target_document(report.targets[0])
    return {
        "version": REPORT_VERSION,
        "kind": "stacks",
        "summary": report.counts(),
        "stacks": [_target_document(target) for target in report.targets],
    }


# --- review -------------------------------------------------------------------------------------------


def _field(change: FieldChange) -> dict[str, Any]:
    return {"path": change.path, "base": change.base, "head": change.head}


def _statement(change: StatementChange) -> dict[str, Any]:
    return {
        "change": change.sign,
        "document": change.document,
        "classification": change.classification,
        "reasons": list(change.reasons),
        **change.statement.summary(),
    }


def _resource(change: ResourceChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "name": change.name,
        "change": change.change,
        "classification": change.classification,
        "reasons": list(change.reasons),
        "fields": [_field(f) for f in change.fields],
    }


def _app(change: AppConfigChange) -> dict[str, Any]:
    return {"app": change.app, "change": change.change, "fields": [_field(f) for f in change.fields]}


def _findings(diff: FindingsDiff) -> dict[str, Any]:
    def dump(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
        return [finding.model_dump(mode="json") for finding in findings]

    return {
        "new": dump(diff.new),
        "fixed": dump(diff.fixed),
        "unchanged": dump(diff.unchanged),
        "newlySuppressed": dump(diff.newly_suppressed),
    }


def _stack(stack: StackReview) -> dict[str, Any]:
    return {
        "stack": stack.stack,
        "status": stack.status,
        "verdict": stack.verdict,
        "broadeningReasons": list(stack.broadening_reasons),
        "statements": [_statement(s) for s in stack.statements],
        "resources": [_resource(r) for r in stack.resources],
        "clientConfigs": [_app(a) for a in stack.client_configs],
        "findings": _findings(stack.findings),
    }


def _review_document(review: Review) -> dict[str, Any]:
    return {
        "icekitReview": REVIEW_FORMAT_VERSION,
        "base": {"ref": review.base.label, "commit": review.base.commit},
        "head": {"ref": review.head.label, "commit": review.head.commit},
        "verdict": review.verdict,
        "failOn": review.fail_on,
        "failed": review.failed,
        "acknowledged": review.acknowledged,
        "judgedBy": review.judge,
        "guardrailChanges": list(review.guardrail_changes),
        "stacks": [_stack(s) for s in review.stacks],
    }
