"""`icekit plan` text at scale: a line per application beyond a size, the full tree on request (`--tree`);
small stacks keep the tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bench.scaled_stack import scaled_stack_document
from icekit.plan.checks import evaluate_plan
from icekit.plan.engine import run_plan
from icekit.plan.report import plan_report
from icekit.report.text import SUMMARY_ABOVE_GROUPS, render_text
from tests.plan.conftest import PROJECT_ROOT

APPS = SUMMARY_ABOVE_GROUPS + 2


@pytest.fixture
def large_project(tmp_path: Path) -> Path:
    root = tmp_path / "large"
    (root / "stacks").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "Pulumi.yaml", root / "Pulumi.yaml")
    document = scaled_stack_document(PROJECT_ROOT / "stacks" / "Pulumi.prod.yaml", APPS)
    for app in document["config"]["icekit:apps"][::3]:  # findings in some apps: prod requires acs:SourceIp
        app.get("conditions", {}).pop("sourceIp", None)
    (root / "stacks" / "Pulumi.large.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return root


def _text(project: Path, stack: str, tree: bool | None = None) -> str:
    plan = run_plan(stack, project)
    return render_text(plan_report(plan, evaluate_plan(plan), []), tree=tree)


def test_a_large_stack_shows_a_line_per_app(large_project: Path) -> None:
    text = _text(large_project, "large")
    lines = text.splitlines()
    assert "groups, one line each (--tree shows every resource):" in text
    app_lines = [line for line in lines if line.startswith("  app app-")]
    assert len(app_lines) == APPS
    assert app_lines[0].startswith("  app app-0000 (icekit:apps[0]): ")
    assert "1 UploadProfile" in app_lines[0] and "Role" in app_lines[0]
    assert "└──" not in text and "├──" not in text  # no tree
    assert any(line.startswith("Findings") for line in lines)


def test_a_large_stack_counts_each_apps_findings(large_project: Path) -> None:
    plan = run_plan("large", large_project)
    findings = evaluate_plan(plan)
    text = render_text(plan_report(plan, findings, []))
    app_lines = {line.split()[1]: line for line in text.splitlines() if line.startswith("  app app-")}
    seeded = {f"app-{index:04d}" for index in range(0, APPS, 3)}
    for app, line in app_lines.items():
        mine = [f for f in findings if f.resourceUrn and f.resourceUrn.endswith(f"-{app}-upload")]
        if app in seeded:
            assert mine and line.endswith(f"findings {len(mine)}, {len(mine)} blocking"), line
        else:
            assert not mine and "findings" not in line, line


def test_the_tree_on_request(large_project: Path) -> None:
    text = _text(large_project, "large", tree=True)
    assert "one line each" not in text
    assert "└──" in text
    assert text.count("app app-") == APPS


def test_the_cli_shows_the_tree_with_tree(large_project: Path) -> None:
    from click.testing import CliRunner

    from icekit.cli import cli

    args = ["plan", "large", "--out", str(large_project / "build"), "--project-dir", str(large_project)]
    summary = CliRunner().invoke(cli, args)
    full = CliRunner().invoke(cli, [*args, "--tree"])
    assert "one line each" in summary.stdout and "└──" not in summary.stdout
    assert "one line each" not in full.stdout and "└──" in full.stdout
    assert summary.exit_code == full.exit_code


def test_a_small_stack_keeps_its_tree(project: Path) -> None:
    assert _text(project, "dev") == _text(project, "dev", tree=True)
    assert "└──" in _text(project, "dev")
