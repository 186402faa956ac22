"""JSON reports: one document per command run, byte-stable.

`check` and `review` sort keys (two-space indent); `plan` keeps the plan result's contract field order, then
`findings` and `files`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from icekit.access.model import AccessTable, CanAnswer, RoleAccess, RoleAccessChange, When

__all__ = [
    "ACCESS_FORMAT_VERSION",
    "REPORT_VERSION",
    "REVIEW_FORMAT_VERSION",
    "json_document",
    "render_json",
    "stable_json",
]

REPORT_VERSION = "1"  # `icekit check --format json`
REVIEW_FORMAT_VERSION = "1"  # `icekit review --format json` (its `icekitReview` key)
ACCESS_FORMAT_VERSION = "1"  # `icekit access --format json` (its `icekitAccess` key)


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
    if report.command == "access":
        return _access_document(report)
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


def _role_change(role: RoleAccessChange) -> dict[str, Any]:
    return {
        "role": role.role,
        "app": role.app,
        "classification": role.classification,
        "changes": [
            {"kind": c.kind, "classification": c.classification, "text": c.text, "subjects": list(c.subjects)}
            for c in role.changes
        ],
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
        "access": [_role_change(r) for r in stack.access],
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


# --- access -------------------------------------------------------------------------------------------


def _when(when: When) -> dict[str, Any]:
    networks = None if when.networks is None else list(when.networks)
    return {"from": networks, "https": when.https, "conditions": list(when.other)}


def _role_access(role: RoleAccess) -> dict[str, Any]:
    return {
        "role": role.role,
        "app": role.app,
        "declarationPath": role.declaration_path,
        "assumableBy": [
            {"principal": t.principal, **_when(t.when), "grantedBy": t.granted_by} for t in role.assumable_by
        ],
        "grants": [
            {
                "actions": list(g.actions),
                "resources": list(g.resources),
                **_when(g.when),
                "grantedBy": g.granted_by,
            }
            for g in role.grants
        ],
        "notEvaluated": list(role.problems),
    }


def _can_document(answer: CanAnswer) -> dict[str, Any]:
    return {
        "icekitAccess": ACCESS_FORMAT_VERSION,
        "kind": "can",
        "stack": answer.stack,
        "app": answer.app,
        "role": answer.role,
        "action": answer.action,
        "request": {
            "resource": answer.resource,
            "sourceIp": answer.source_ip,
            "secureTransport": answer.secure_transport,
        },
        "allowed": answer.allowed,
        "decision": answer.decision,
        "statement": answer.statement,
        "resources": list(answer.resources),
        "where": [_when(w) for w in answer.where],
        "reasons": list(answer.reasons),
    }


def _access_document(report: Report) -> dict[str, Any]:
    if report.can is not None:
        return _can_document(report.can)
    if report.access is None:
        raise ValueError("an access report carries its table or its answer")
    table: AccessTable = report.access
    return {
        "icekitAccess": ACCESS_FORMAT_VERSION,
        "kind": "table",
        "stack": table.stack,
        "region": table.region,
        "accountId": table.account_id,
        "roles": [_role_access(role) for role in table.roles],
    }
