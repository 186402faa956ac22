"""Findings diff: which guardrail findings a change adds, fixes, keeps or newly suppresses."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from icekit.report.model import FindingsDiff
from icekit.rules.finding import Finding

__all__ = ["diff_findings"]

_Key = tuple[str | None, ...]


def _resource(finding: Finding) -> tuple[str, str]:
    # The resource's type and logical name survive reordering of the stack file; declarationPath does not.
    return (finding.resourceType or "", str(finding.resourceName or finding.resourceUrn))


def _exact(finding: Finding) -> _Key:
    return (finding.ruleId, *_resource(finding), finding.message)


def _loose(finding: Finding) -> _Key:
    return (finding.ruleId, *_resource(finding))


def _review_order(finding: Finding) -> tuple[str, ...]:
    return (finding.ruleId, *_resource(finding), finding.declarationPath or "", finding.message)


def _match(
    base: list[Finding], head: list[Finding], key: Callable[[Finding], _Key]
) -> tuple[list[tuple[Finding, Finding]], list[Finding], list[Finding]]:
    pairs = []
    free_base = list(base)
    unmatched_head = []
    for finding in head:
        wanted = key(finding)
        for index, candidate in enumerate(free_base):
            if key(candidate) == wanted:
                pairs.append((free_base.pop(index), finding))
                break
        else:
            unmatched_head.append(finding)
    return pairs, free_base, unmatched_head


def _sorted(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=_review_order))


def diff_findings(base: Iterable[Finding], head: Iterable[Finding]) -> FindingsDiff:
    """Findings pair up by (rule, resource, message), then by (rule, resource) so a reworded message
    is not reported as fixed-and-new. Suppressed findings count only when they were active at base."""
    base_list = sorted(base, key=_review_order)
    head_list = sorted(head, key=_review_order)
    exact, rest_base, rest_head = _match(base_list, head_list, _exact)
    loose, rest_base, rest_head = _match(rest_base, rest_head, _loose)
    pairs = exact + loose
    unchanged = [h for b, h in pairs if not h.suppressed and not b.suppressed]
    newly_suppressed = [h for b, h in pairs if h.suppressed and not b.suppressed]
    # A finding whose suppression was lifted is new to the reviewer.
    unsuppressed = [h for b, h in pairs if b.suppressed and not h.suppressed]
    new = [h for h in rest_head if not h.suppressed] + unsuppressed
    fixed = [b for b in rest_base if not b.suppressed]
    return FindingsDiff(
        new=_sorted(new),
        fixed=_sorted(fixed),
        unchanged=_sorted(unchanged),
        newly_suppressed=_sorted(newly_suppressed),
    )
