"""The four formats: deterministic, SARIF valid against the 2.1.0 schema, Markdown fit for a PR comment."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from icekit.check import check_plan
from icekit.report import FORMATS, Report, render
from icekit.rules import RULES
from tests.check.plan_fixture import LINES, carried, write_project
from tests.support.sarif_schema import sarif_validator


@pytest.fixture
def report(tmp_path: Path) -> Report:
    return check_plan(carried(write_project(tmp_path), tmp_path))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_byte_identical(fmt: str, tmp_path: Path) -> None:
    first = render(check_plan(carried(write_project(tmp_path / "a"), tmp_path / "a")), fmt)
    second = render(check_plan(carried(write_project(tmp_path / "b"), tmp_path / "b")), fmt)
    assert first == second


def test_sarif_is_valid(report: Report) -> None:
    document = json.loads(render(report, "sarif"))
    sarif_validator().validate(document)
    assert document["version"] == "2.1.0"


def test_schema_rejects_what_sarif_forbids(report: Report) -> None:
    document = json.loads(render(report, "sarif"))
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator().validate(document)
    document = json.loads(render(report, "sarif"))
    document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["line"] = 3
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator().validate(document)


def test_sarif_content(report: Report) -> None:
    run = json.loads(render(report, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in RULES]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    ram101 = by_rule["RAM101"]
    assert ram101["level"] == "error"
    assert rules[ram101["ruleIndex"]]["id"] == "RAM101"
    physical = ram101["locations"][0]["physicalLocation"]
    assert physical == {
        "artifactLocation": {"uri": "stacks/Pulumi.dev.yaml"},
        "region": {"startLine": LINES["icekit:apps[0]"]},
    }
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert {r["ruleId"] for r in suppressed} == {"OSS301", "OSS302"}
    assert (
        suppressed[0]["suppressions"][0]["justification"] == "bucket is replaced by VOD storage next sprint"
    )


def test_json_report(report: Report) -> None:
    document = json.loads(render(report, "json"))
    assert document["summary"] == report.counts()
    entry = next(f for f in document["findings"] if f["ruleId"] == "CB401")
    assert entry["location"] == {"file": "stacks/Pulumi.dev.yaml", "line": LINES["icekit:callbacks.hooks"]}
    assert set(entry) >= {
        "ruleId",
        "title",
        "severity",
        "enforcement",
        "resourceUrn",
        "resourceType",
        "resourceName",
        "message",
        "declarationPath",
        "suppressed",
        "suppressionReason",
    }


def test_markdown_report(report: Report) -> None:
    text = render(report, "markdown")
    assert text.startswith("### icekit check: `dev` (dev) fails")
    assert "| `RAM101` | mandatory | `icekit:apps[0]` (stacks/Pulumi.dev.yaml:15) |" in text
    assert "<details><summary>2 suppressed finding(s)</summary>" in text
    assert "bucket is replaced by VOD storage next sprint" in text


def test_text_report(report: Report) -> None:
    text = render(report, "text")
    assert "RAM101" in text and "stacks/Pulumi.dev.yaml:15" in text
    assert "suppressed (counted, never failing)" in text
    assert "\x1b[" not in text  # no colour codes unless asked
