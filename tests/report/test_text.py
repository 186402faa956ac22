"""Text reports print what the findings say: ARNs stay ARNs (rich would read `:ram:` as an emoji code)."""

from __future__ import annotations

import io

from icekit.cli.console import PipeSafeConsole
from icekit.report.model import LocatedFinding, Report, TargetReport
from icekit.report.text import print_text, render_text
from tests.review.synthetic import baseline, finding, plan_result

ARN = "acs:ram::9999999999999999:role/partner"


def _target() -> TargetReport:
    trusted = finding("STS202", message=f"Statement[0] trusts {ARN!r} without a condition")
    located = LocatedFinding(trusted, "stacks/Pulumi.dev.yaml", 12)
    return TargetReport("stack", "dev", "dev", "cn-shanghai", ("stacks/Pulumi.dev.yaml",), (located,))


def test_check_text_keeps_arns() -> None:
    text = render_text(Report("check", (_target(),)), width=200)
    assert ARN in text and "\N{RAM}" not in text


def test_plan_text_keeps_arns() -> None:
    buffer = io.StringIO()
    report = Report("plan", (_target(),), plan=plan_result(baseline()))
    print_text(report, PipeSafeConsole(file=buffer, width=200))
    assert ARN in buffer.getvalue() and "\N{RAM}" not in buffer.getvalue()
    assert "Files written:" in buffer.getvalue()
