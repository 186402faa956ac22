"""Every SARIF icekit writes validates against the official SARIF 2.1.0 schema (OASIS, final rtm.5).

Where the schema comes from: tests/support/sarif_schema.py.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from icekit.check import check_plan
from icekit.report import render
from icekit.report.model import StackSource
from icekit.report.sarif import render_sarif
from icekit.review.report import review_report
from icekit.stack import StackFile
from tests.check.plan_fixture import carried, write_project
from tests.review.synthetic import finding
from tests.review.test_report import _review
from tests.support.cli import run_icekit
from tests.support.sarif_schema import sarif_validator

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    return sarif_validator()


def _errors(validator: jsonschema.protocols.Validator, document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_check_sarif_with_findings(validator: jsonschema.protocols.Validator, tmp_path: Path) -> None:
    document = json.loads(render(check_plan(carried(write_project(tmp_path), tmp_path)), "sarif"))
    assert document["runs"][0]["results"], "the fixture must produce findings, or this test proves little"
    assert _errors(validator, document) == []


def test_check_sarif_over_the_bundled_stacks(validator: jsonschema.protocols.Validator) -> None:
    result = run_icekit("check", "--project-dir", str(ROOT), "dev", "staging", "prod", "--format", "sarif")
    assert result.exit_code == 0, result.output
    assert _errors(validator, json.loads(result.output)) == []


def test_review_sarif(validator: jsonschema.protocols.Validator) -> None:
    review = _review(head_findings=(finding("RAM102"), finding("OSS301", enforcement="mandatory")))
    stack_file = "config:\n  icekit:environment: dev\n  icekit:apps:\n    - name: mobile-video\n"
    lines = StackFile.from_text(Path("Pulumi.dev.yaml"), stack_file).lines
    review = replace(review, sources=(StackSource("dev", "infra/stacks/Pulumi.dev.yaml", lines),))
    document = json.loads(render_sarif(review_report(review)))
    assert document["runs"][0]["results"]
    assert _errors(validator, document) == []


def test_the_official_schema_rejects_a_broken_result(
    validator: jsonschema.protocols.Validator, tmp_path: Path
) -> None:
    document = json.loads(render(check_plan(carried(write_project(tmp_path), tmp_path)), "sarif"))
    document["runs"][0]["results"][0]["level"] = "fatal"
    document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    errors = _errors(validator, document)
    assert any("fatal" in e for e in errors) and any("startLine" in e for e in errors), errors
