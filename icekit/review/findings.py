"""Findings diff: which guardrail findings a change adds, fixes, keeps or newly suppresses."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from icekit.review.model import FindingsDiff

__all__ = ["diff_findings", "finding_sort_key"]

Finding = Mapping[str, Any]


def _resource(finding: Finding) -> tuple[str, str]:
    # The resource's type and logical name survive reordering of the stack file; declarationPath does not.
    return (
        str(finding.get("resourceType") or ""),
        str(finding.get("resourceName") or finding.get("resourceUrn")),
    )


def _exact(finding: Finding) -> tuple[Any, ...]:
    return (finding.get("ruleId"), *_resource(finding), finding.get("message"))


def _loose(finding: Finding) -> tuple[Any, ...]:
    return (finding.get("ruleId"), *_resource(finding))


def finding_sort_key(finding: Finding) -> tuple[str, ...]:
    return (
        str(finding.get("ruleId")),
        *_resource(finding),
        str(finding.get("declarationPath") or ""),
        str(finding.get("message") or ""),
    )


def _match(
    base: list[Finding], head: list[Finding], key: Callable[[Finding], tuple[Any, ...]]
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


def _sorted(findings: Iterable[Finding]) -> tuple[dict[str, Any], ...]:
    return tuple(dict(f) for f in sorted(findings, key=finding_sort_key))


def diff_findings(base: Iterable[Finding], head: Iterable[Finding]) -> FindingsDiff:
    """Findings pair up by (rule, resource, message), then by (rule, resource) so a reworded message
    is not reported as fixed-and-new. Suppressed findings count only when they were active at base."""
    base_list = sorted(base, key=finding_sort_key)
    head_list = sorted(head, key=finding_sort_key)
    exact, rest_base, rest_head = _match(base_list, head_list, _exact)
    loose, rest_base, rest_head = _match(rest_base, rest_head, _loose)
    pairs = exact + loose
    unchanged = [h for b, h in pairs if not h.get("suppressed") and not b.get("suppressed")]
    newly_suppressed = [h for b, h in pairs if h.get("suppressed") and not b.get("suppressed")]
    # A finding whose suppression was lifted is new to the reviewer.
    unsuppressed = [h for b, h in pairs if b.get("suppressed") and not h.get("suppressed")]
    new = [h for h in rest_head if not h.get("suppressed")] + unsuppressed
    fixed = [b for b in rest_base if not b.get("suppressed")]
    return FindingsDiff(
        new=_sorted(new),
        fixed=_sorted(fixed),
        unchanged=_sorted(unchanged),
        newly_suppressed=_sorted(newly_suppressed),
    )
