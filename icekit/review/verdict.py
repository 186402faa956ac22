"""Verdicts: per stack from its changes, overall from the stacks, and whether `--fail-on` trips."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from icekit.report.model import Classification, Review, Revision, StackReview, StackStatus, Verdict
from icekit.review.access import diff_resources, diff_statements
from icekit.review.client_configs import diff_client_configs
from icekit.review.exact import compare_stack
from icekit.review.findings import diff_findings
from icekit.review.planned import PlannedStack

__all__ = ["FAIL_ON", "FailOn", "build_review", "combine", "review_stack", "should_fail"]

FailOn = Literal["broadening", "mandatory", "never"]
FAIL_ON: tuple[FailOn, ...] = ("broadening", "mandatory", "never")

_RANK: dict[Verdict, int] = {"unchanged": 0, "neutral": 1, "narrowing": 2, "broadening": 3}


def combine(verdicts: Iterable[Verdict | Classification]) -> Verdict:
    """Broadening wins over narrowing (a change can do both), narrowing over neutral."""
    return max(verdicts, key=lambda v: _RANK[v], default="unchanged")


def _document(side: PlannedStack | None) -> Mapping[str, object] | None:
    # The access diff (icekit.review.access) still reads the plan's JSON document.
    return side.plan.model_dump(mode="json") if side else None


def review_stack(stack: str, base: PlannedStack | None, head: PlannedStack | None) -> StackReview:
    base_document, head_document = _document(base), _document(head)
    # What each role may do at base and at head, decided by the evaluator: it judges the rows below.
    judge, access = compare_stack(base.plan if base else None, head.plan if head else None)
    statements = tuple(diff_statements(base_document, head_document, judge))
    resources = tuple(diff_resources(base_document, head_document, judge))
    client_configs = tuple(diff_client_configs(base.plan if base else None, head.plan if head else None))
    findings = diff_findings(base.findings if base else (), head.findings if head else ())
    changed = bool(
        access
        or statements
        or resources
        or client_configs
        or findings.new
        or findings.fixed
        or findings.newly_suppressed
    )
    verdict = combine(
        [a.classification for a in access]
        + [c.classification for c in statements]
        + [r.classification for r in resources]
    )
    if verdict == "unchanged" and (changed or base is None or head is None):
        verdict = "neutral"
    status: StackStatus = (
        "added" if base is None else "removed" if head is None else "changed" if changed else "unchanged"
    )
    return StackReview(stack, status, verdict, statements, resources, client_configs, findings, access)


def should_fail(stacks: Sequence[StackReview], fail_on: FailOn) -> bool:
    """`broadening` trips on broadened access or a new mandatory finding; `mandatory` on the latter only."""
    if fail_on == "never":
        return False
    new_mandatory = any(f.enforcement == "mandatory" for s in stacks for f in s.findings.new)
    broadened = any(s.verdict == "broadening" for s in stacks)
    return new_mandatory or (fail_on == "broadening" and broadened)


def build_review(
    base: Revision,
    head: Revision,
    sides: Mapping[str, tuple[PlannedStack | None, PlannedStack | None]],
    fail_on: FailOn,
    *,
    acknowledged: bool = False,
) -> Review:
    """`acknowledged`: a code owner approved the broadening; it is reported, but only a new mandatory
    finding still fails (`--fail-on broadening` acts as `mandatory`)."""
    stacks = tuple(review_stack(name, *sides[name]) for name in sorted(sides))
    effective: FailOn = "mandatory" if acknowledged and fail_on == "broadening" else fail_on
    return Review(
        base=base,
        head=head,
        verdict=combine(s.verdict for s in stacks),
        stacks=stacks,
        fail_on=fail_on,
        failed=should_fail(stacks, effective),
        acknowledged=acknowledged,
    )
