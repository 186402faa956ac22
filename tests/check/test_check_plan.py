"""check_plan over a PlanResult-shaped document: rules, suppressions, locations, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from icekit.check import check_plan, exit_code
from icekit.report import Report
from tests.check.plan_fixture import LINES, carried, write_project


@pytest.fixture
def report(tmp_path: Path) -> Report:
    return check_plan(carried(write_project(tmp_path), tmp_path))


def _by_rule(report: Report) -> dict[str, list[tuple[str | None, int | None, bool]]]:
    found: dict[str, list[tuple[str | None, int | None, bool]]] = {}
    for item in report.findings:
        found.setdefault(item.finding.ruleId, []).append(
            (item.finding.declarationPath, item.line, item.finding.suppressed)
        )
    return found


def test_findings_point_at_their_declarations(report: Report) -> None:
    found = _by_rule(report)
    assert found["RAM101"] == [("icekit:apps[0]", LINES["icekit:apps[0]"], False)]
    assert found["CB401"] == [("icekit:callbacks.hooks", LINES["icekit:callbacks.hooks"], False)]
    # OSS findings on the bucket are suppressed by `{rule: OSS, resource: import-bucket}` (its storage name)
    assert (
        sorted(found["OSS301"] + found["OSS302"])
        == [("icekit:storage.import-bucket", LINES["icekit:storage.import-bucket"], True)] * 2
    )
    assert all(item.file == "stacks/Pulumi.dev.yaml" for item in report.findings)


def test_suppressed_findings_are_counted_and_carry_their_reason(report: Report) -> None:
    counts = report.counts()
    assert counts["suppressed"] == 2
    assert counts["total"] == counts["mandatory"] + counts["advisory"] + counts["suppressed"]
    reasons = {item.finding.suppressionReason for item in report.findings if item.finding.suppressed}
    assert reasons == {"bucket is replaced by VOD storage next sprint"}


def test_exit_codes(tmp_path: Path) -> None:
    document = write_project(tmp_path)
    assert exit_code(check_plan(carried(document, tmp_path))) == 1
    # keep only what is suppressed or advisory: mandatory -> 0, advisory -> 1
    clean = dict(document)
    clean["resources"] = [
        r for r in document["resources"] if r["type"].startswith(("alicloud:oss", "icekit:storage"))
    ]
    only_suppressed = check_plan(carried(clean, tmp_path))
    assert only_suppressed.counts()["suppressed"] == 2
    assert exit_code(only_suppressed, "mandatory") == 0
    assert exit_code(only_suppressed, "advisory") == 0


def test_fail_on_advisory(tmp_path: Path) -> None:
    stack = tmp_path / "stacks" / "Pulumi.dev.yaml"
    document = write_project(tmp_path)
    stack.write_text(
        stack.read_text() + "  icekit:guardrails:\n    enforcement: {RAM: advisory, CB: advisory}\n"
    )
    report = check_plan(carried(document, tmp_path))
    assert report.counts()["mandatory"] == 0 and report.counts()["advisory"] > 0
    assert exit_code(report, "mandatory") == 0
    assert exit_code(report, "advisory") == 1


def test_invalid_suppression_is_user_input_error(tmp_path: Path) -> None:
    from icekit.errors import UserInputError

    stack = tmp_path / "stacks" / "Pulumi.dev.yaml"
    document = write_project(tmp_path)
    stack.write_text(
        stack.read_text().replace('reason: "bucket is replaced by VOD storage next sprint"', "reason: x")
    )
    with pytest.raises(UserInputError) as info:
        check_plan(carried(document, tmp_path))
    assert "icekit:suppressions[0].reason" in str(info.value)
    assert "Pulumi.dev.yaml" in str(info.value)


def test_stack_wide_finding_points_at_region(tmp_path: Path) -> None:
    document = write_project(tmp_path)
    document["region"] = "cn-hangzhou"
    found = _by_rule(check_plan(carried(document, tmp_path)))
    assert found["ICE501"] == [(None, LINES["alicloud:region"], False)]
