"""The review as JSON: the same data as the Markdown comment, keys sorted, byte-stable."""

from __future__ import annotations

from typing import Any

from icekit.check.stable_json import stable_json
from icekit.review.model import (
    AppConfigChange,
    FieldChange,
    FindingsDiff,
    ResourceChange,
    Review,
    StackReview,
    StatementChange,
)

__all__ = ["REVIEW_FORMAT_VERSION", "render_json", "review_to_dict"]

REVIEW_FORMAT_VERSION = "1"


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
    return {
        "new": list(diff.new),
        "fixed": list(diff.fixed),
        "unchanged": list(diff.unchanged),
        "newlySuppressed": list(diff.newly_suppressed),
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


def review_to_dict(review: Review) -> dict[str, Any]:
    return {
        "icekitReview": REVIEW_FORMAT_VERSION,
        "base": {"ref": review.base.label, "commit": review.base.commit},
        "head": {"ref": review.head.label, "commit": review.head.commit},
        "verdict": review.verdict,
        "failOn": review.fail_on,
        "failed": review.failed,
        "stacks": [_stack(s) for s in review.stacks],
    }


def render_json(review: Review) -> str:
    return stable_json(review_to_dict(review))
