"""The GitHub workflows icekit ships pass actionlint; the review workflow keeps fork pull requests green."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.distribution.actionlint import actionlint
from tests.distribution.tools import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
REVIEW = ROOT / ".github" / "workflows" / "icekit-review.yml"


def test_the_review_workflow_is_among_the_linted() -> None:
    assert REVIEW in WORKFLOWS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    lint = actionlint(workflow)
    assert (lint.code, lint.findings, lint.stderr) == (0, [], "")


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    """A misspelt step id in an expression: what a hand edit of the workflow typically breaks."""
    text = REVIEW.read_text(encoding="utf-8")
    assert "steps.review.outputs.exit-code" in text
    broken = tmp_path / "icekit-review.yml"
    broken.write_text(text.replace("steps.review.outputs", "steps.reveiw.outputs"), encoding="utf-8")
    lint = actionlint(broken)
    assert lint.code == 1 and lint.findings, lint.stderr
    assert all(line.startswith(f"{broken}:") for line in lint.findings)
    assert any('property "reveiw" is not defined' in line for line in lint.findings)


def _review_job() -> dict[str, Any]:
    job = yaml.safe_load(REVIEW.read_text(encoding="utf-8"))["jobs"]["review"]
    assert isinstance(job, dict)
    return job


def _step(job: dict[str, Any], name: str) -> dict[str, Any]:
    step = next(s for s in job["steps"] if s.get("name") == name)
    assert isinstance(step, dict)
    return step


def test_only_a_pull_request_from_this_repository_comments() -> None:
    """A fork's pull request gets a read-only token: its comment step is skipped, not failed."""
    job = _review_job()
    assert job["env"]["CAN_COMMENT"] == (
        "${{ github.event.pull_request.head.repo.full_name == github.repository }}"
    )
    comment = _step(job, "Post or update the review comment")
    assert "env.CAN_COMMENT == 'true'" in comment["if"]
    assert "continue-on-error" not in comment  # skipped by its condition, never a swallowed failure


@pytest.mark.parametrize(("can_comment", "note"), [("true", False), ("false", True)])
def test_the_report_goes_to_the_job_summary(tmp_path: Path, can_comment: str, note: bool) -> None:
    summary_step = _step(_review_job(), "Job summary")
    assert "env.CAN_COMMENT" not in summary_step["if"]  # every pull request gets the summary
    (tmp_path / "review.md").write_text("<!-- icekit-review -->\n## icekit review\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(summary), "CAN_COMMENT": can_comment}
    done = subprocess.run(
        ["bash", "-e", "-c", summary_step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n<!-- icekit-review -->\n## icekit review\n")
    assert ("read-only token: this summary is the only copy of the report" in written) is note


def test_the_scaffolded_workflow_passes_actionlint(tmp_path: Path) -> None:
    """The workflow `icekit init` writes into a team's repository."""
    from icekit.scaffold.project import review_workflow

    scaffolded = tmp_path / "icekit-review.yml"
    scaffolded.write_text(review_workflow(reference=False), encoding="utf-8")
    lint = actionlint(scaffolded)
    assert (lint.code, lint.findings, lint.stderr) == (0, [], "")


@pytest.mark.parametrize("reference", [True, False], ids=["this-repository", "scaffolded"])
def test_the_review_is_judged_by_the_base_and_reads_the_acknowledgement(reference: bool) -> None:
    from icekit.scaffold.project import ACKNOWLEDGE_LABEL, review_workflow

    job = yaml.safe_load(review_workflow(reference=reference))["jobs"]["review"]
    assert job["env"]["ACKNOWLEDGED"] == (
        f"${{{{ contains(github.event.pull_request.labels.*.name, '{ACKNOWLEDGE_LABEL}') }}}}"
    )
    review = _step(job, "icekit review")["run"]
    assert "--tool-from base" in review and "acknowledge=(--acknowledge-broadening)" in review
    base_tool = _step(job, "The base's icekit")["run"]
    assert "${RUNNER_TEMP}/icekit-base" in base_tool and "origin/${BASE_REF}" in base_tool
