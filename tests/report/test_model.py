"""The report model: counts, findings across targets, and joining the reports of several stacks."""

from __future__ import annotations

import pytest

from icekit.report.model import LocatedFinding, Report, TargetReport
from tests.review.synthetic import baseline, finding, plan_result


def _target(name: str, *findings: LocatedFinding) -> TargetReport:
    return TargetReport("stack", name, "dev", "cn-shanghai", (f"stacks/Pulumi.{name}.yaml",), findings)


def _at(rule: str, **extra: object) -> LocatedFinding:
    return LocatedFinding(finding(rule, **extra), "stacks/Pulumi.dev.yaml", 3)


def test_counts_and_findings_add_up_over_targets() -> None:
    dev = _target("dev", _at("RAM101", enforcement="mandatory"), _at("CB402"))
    prod = _target("prod", _at("OSS301", enforcement="mandatory", suppressed=True, suppressionReason="x"))
    report = Report.joined([Report("check", (dev,)), Report("check", (prod,))])
    assert [t.target for t in report.targets] == ["dev", "prod"]
    assert [item.finding.ruleId for item in report.findings] == ["RAM101", "CB402", "OSS301"]
    assert dev.counts() == {"total": 2, "mandatory": 1, "advisory": 1, "suppressed": 0}
    assert report.counts() == {"total": 3, "mandatory": 1, "advisory": 1, "suppressed": 1}


def test_only_findings_of_one_command_join() -> None:
    check = Report("check", (_target("dev"),))
    with pytest.raises(ValueError, match="one command"):
        Report.joined([check, Report("review", (_target("dev"),))])
    with pytest.raises(ValueError, match="one command"):
        Report.joined([])
    planned = Report("plan", (_target("dev"),), plan=plan_result(baseline()))
    with pytest.raises(ValueError, match="a plan or a review"):
        Report.joined([planned, planned])
