"""The review's new findings as SARIF 2.1.0, so code scanning annotates the pull request.

Reuses `icekit check`'s SARIF writer (same rule descriptors and levels), in one run over all stacks, each
result located at its line in the head's stack file. Only findings the change introduces are included.
"""

from __future__ import annotations

from icekit.review.model import Review

__all__ = ["render_sarif"]


def render_sarif(review: Review) -> str:
    from icekit.check.report import CheckReport, LocatedFinding
    from icekit.check.sarif import render_sarif as render_check_sarif
    from icekit.rules.finding import Finding

    sources = {source.stack: source for source in review.sources}
    located = []
    for stack in review.stacks:
        source = sources.get(stack.stack)
        if source is None:  # no head plan: nothing new to point at
            continue
        for finding in stack.findings.new:
            line = source.lines.line_of(finding.get("declarationPath"))
            located.append(LocatedFinding(Finding.model_validate(finding), source.path, line))
    report = CheckReport(
        kind="stack",
        target=", ".join(s.stack for s in review.stacks),
        environment=None,
        region=None,
        files=tuple(sorted({item.file for item in located if item.file})),
        findings=tuple(located),
    )
    return render_check_sarif(report)
