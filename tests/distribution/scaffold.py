"""A team's own project made by the installed `icekit init`, in a git repository of its own: plan, check,
render and review between two of its commits, all from the installed wheel (no components of its own, no
access to this checkout)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml

from tests.distribution.commands import Run, run_icekit, tree
from tests.review.gitrepo import GIT_IDENTITY

__all__ = ["assert_scaffold_works"]


def _git(repo: Path, *args: str) -> None:
    command = ["git", *GIT_IDENTITY, "-C", str(repo), *args]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def _ok(done: Run) -> Run:
    assert (done.code, done.clean()) == (0, True), done.stdout + done.stderr
    return done


def _init(icekit: Path, work: Path) -> Path:
    _ok(run_icekit(icekit, ["init", "team", "--region", "cn-beijing", "--environments", "dev,prod"], work))
    project = work / "team"
    again = run_icekit(icekit, ["init", "team"], work)
    assert again.code == 2 and "is not empty" in again.stderr and again.clean()
    return project


def _plan_check_render(icekit: Path, project: Path) -> None:
    plan = _ok(run_icekit(icekit, ["plan", "dev", "--out", "build", "--format", "json"], project))
    written = tree(project / "build" / "dev")
    assert "uploads/client-config.json" in written
    check = _ok(run_icekit(icekit, ["check", "dev", "prod"], project))
    assert "2 stacks: 0 mandatory, 0 advisory, 0 suppressed (0 findings)" in check.stdout
    (project / "outputs.json").write_text(json.dumps(json.loads(plan.stdout)["outputs"]), encoding="utf-8")
    _ok(run_icekit(icekit, ["render", "--outputs", "outputs.json", "--out", "rendered"], project))
    assert tree(project / "rendered" / "dev") == written


def _broaden_dev(project: Path) -> None:
    path = project / "stacks" / "Pulumi.dev.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["config"]["icekit:apps"][0]["actions"] = ["GetMediaInfo"]
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def _review(icekit: Path, project: Path) -> None:
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "icekit init")
    _broaden_dev(project)
    _git(project, "commit", "-q", "-am", "the uploads app may read media info")
    arguments = ["review", "--base", "HEAD~1", "--head", "HEAD", "--format", "json", "--tool-from", "base"]
    done = run_icekit(icekit, arguments, project)
    assert done.code == 1 and done.clean(), done.stderr  # broadening fails the review
    document = json.loads(done.stdout)
    assert document["verdict"] == "broadening"
    dev = next(stack for stack in document["stacks"] if stack["stack"] == "dev")
    assert any("ice:getmediainfo" in json.dumps(s).lower() for s in dev["statements"] if s["change"] == "+")
    assert document["guardrailChanges"] == [] and document["judgedBy"].startswith("the installed icekit")
    acknowledged = run_icekit(icekit, [*arguments, "--acknowledge-broadening"], project)
    assert acknowledged.code == 0 and json.loads(acknowledged.stdout)["acknowledged"] is True


def assert_scaffold_works(icekit: Path, work: Path) -> None:
    project = _init(icekit, work)
    _plan_check_render(icekit, project)
    _review(icekit, project)
