"""The report of `icekit review`: its sections, and the findings the change introduces located at their
line in the head's stack files (what the SARIF formatter annotates the pull request with)."""

from __future__ import annotations

from icekit.report.model import LocatedFinding, Report, Review, TargetReport

__all__ = ["review_report"]


def review_report(review: Review) -> Report:
    sources = {source.stack: source for source in review.sources}
    located = []
    for stack in review.stacks:
        source = sources.get(stack.stack)
        if source is None:  # no head plan: nothing new to point at
            continue
        for finding in stack.findings.new:
            line = source.lines.line_of(finding.declarationPath)
            located.append(LocatedFinding(finding, source.path, line))
    new_findings = TargetReport(
        kind="review",
        target=", ".join(stack.stack for stack in review.stacks),
        environment=None,
        region=None,
        files=tuple(sorted({item.file for item in located if item.file})),
        findings=tuple(located),
    )
    return Report("review", (new_findings,), review=review)
