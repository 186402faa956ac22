"""`--tool-from base`: a change that weakens icekit's own rule and verdict, and broadens a policy, is still
judged broadening, because the base's icekit judges; the change to the guardrails is called out.

The repository under review holds icekit's source (as this one does). The review is started with the
head's icekit first on PYTHONPATH, as a workflow that installs the pull request's icekit would start it:
without `--tool-from base` the weakened head code judges and lets the change through (the control that
shows the weakening is real); with it, the base's code judges.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.review.gitrepo import PROJECT_ROOT, app, edit_source, edit_stack, git, init_repo, worktrees

WEAKENED = ("icekit/review/verdict.py", "icekit/rules/ram/ram106_required_conditions.py")


def _with_icekit_source(project: Path) -> None:
    shutil.copytree(
        PROJECT_ROOT / "icekit", project / "icekit", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )


def _weaken_and_broaden(repo: Path) -> None:
    # The verdict never says broadening any more, and RAM106 never fires.
    edit_source(repo, WEAKENED[0], r'return max\(verdicts, key=.*?default="unchanged"\)', 'return "neutral"')
    edit_source(repo, WEAKENED[1], r"required = ctx\.required_conditions\n", "required = ()\n")

    def prod(config: dict[str, Any]) -> None:  # the mobile app's role: from any address now
        del app(config, "mobile-video")["conditions"]["sourceIp"]

    edit_stack(repo, "prod", prod)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tool-from-base") / "repo"
    init_repo(root, _with_icekit_source)
    _weaken_and_broaden(root)
    git(root, "commit", "-qam", "weaken the guardrails, broaden prod")
    return root


def _review(repo: Path, out: Path, *options: str) -> dict[str, Any]:
    """`icekit review` started from the head's icekit (the repository's working tree first on PYTHONPATH)."""
    env = {**os.environ, "PYTHONPATH": str(repo)}
    arguments = ["--base", "base", "--head", "HEAD", "--stack", "prod", "--format", "json", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-P", "-m", "icekit.cli", "review", *arguments, *options],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert document["failed"] is (done.returncode == 1)
    return document


def test_the_head_s_own_code_would_let_it_through(repo: Path, tmp_path: Path) -> None:
    document = _review(repo, tmp_path / "head.json")
    assert document["verdict"] != "broadening" and document["failed"] is False
    [stack] = document["stacks"]
    assert stack["findings"]["new"] == []


def test_the_base_s_icekit_judges_and_names_the_guardrail_change(repo: Path, tmp_path: Path) -> None:
    document = _review(repo, tmp_path / "base.json", "--tool-from", "base")
    assert document["verdict"] == "broadening" and document["failed"] is True
    [stack] = document["stacks"]
    assert any("condition" in reason.lower() for reason in stack["broadeningReasons"]), stack
    assert [f["ruleId"] for f in stack["findings"]["new"]] == ["RAM106"]
    assert document["guardrailChanges"] == sorted(WEAKENED)
    assert document["judgedBy"].startswith("the base's icekit (")
    assert worktrees(repo) == [f"worktree {repo}"]  # the judge's checkout is gone again


def test_the_markdown_calls_the_guardrail_change_out_first(repo: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(repo)}
    out = tmp_path / "review.md"
    arguments = ["--base", "base", "--stack", "prod", "--out", str(out), "--tool-from", "base"]
    done = subprocess.run(
        [sys.executable, "-P", "-m", "icekit.cli", "review", *arguments, "--acknowledge-broadening"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # Acknowledged broadening: reported, yet the new mandatory RAM106 finding still fails the review.
    assert done.returncode == 1, done.stderr
    text = out.read_text(encoding="utf-8")
    summary_table = text.index("| stack |")
    warning = text.index("**This change modifies the guardrails themselves**")
    assert warning < summary_table
    assert all(f"`{path}`" in text[warning:summary_table] for path in WEAKENED)
    assert "**Broadening acknowledged**" in text
