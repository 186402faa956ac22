"""The shipped GitHub workflow and pre-commit hook: their shape, and the hook run as pre-commit runs it."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from icekit.report.markdown import COMMENT_MARKER
from tests.support.cli import CliRun, run_command, run_icekit

ROOT = Path(__file__).resolve().parents[2]


def _load(relative: str) -> Any:
    return yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))


def test_review_workflow() -> None:
    workflow = _load(".github/workflows/icekit-review.yml")
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the `on:` key as True
    assert workflow["permissions"]["pull-requests"] == "write"
    steps = workflow["jobs"]["review"]["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    python = next(s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    runs = "\n".join(str(s.get("run", "")) for s in steps)
    assert "make env" in runs
    assert '.venv/bin/icekit review --base "origin/${BASE_REF}" --format markdown --out review.md' in runs
    script = next(s for s in steps if str(s.get("uses", "")).startswith("actions/github-script"))["with"][
        "script"
    ]
    assert f'"{COMMENT_MARKER}"' in script and "updateComment" in script and "createComment" in script


# The bundled dev stack declared as prod: prod requires acs:SourceIp (RAM106), which two apps lack.
STRICT = ("icekit:environment: dev", "icekit:environment: prod")


def _project(root: Path) -> Path:
    """A project holding the clean dev stack, one with mandatory findings, and an invalid one."""
    (root / "stacks").mkdir(parents=True)
    shutil.copy(ROOT / "Pulumi.yaml", root / "Pulumi.yaml")
    dev = (ROOT / "stacks" / "Pulumi.dev.yaml").read_text(encoding="utf-8")
    assert STRICT[0] in dev
    (root / "stacks" / "Pulumi.dev.yaml").write_text(dev, encoding="utf-8")
    (root / "stacks" / "Pulumi.strict.yaml").write_text(dev.replace(*STRICT), encoding="utf-8")
    (root / "stacks" / "Pulumi.broken.yaml").write_text("config:\n  icekit:apps: 5\n", encoding="utf-8")
    return root


def _run_hook(project: Path, files: list[str], *, in_process: bool = False) -> CliRun:
    """Run the hook as pre-commit does: the entry split like a shell, the matched files appended, in the
    repository root, with the hook environment's `icekit` (here: this interpreter's) first on PATH.
    `in_process`: the same arguments to `icekit` in this process (tests.support.cli), no cold start."""
    [hook] = _load(".pre-commit-hooks.yaml")
    program, *arguments = shlex.split(hook["entry"])
    if in_process:
        assert program == "icekit"
        return run_icekit(*arguments, *files, cwd=project)
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "icekit").is_file()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    return run_command([program, *arguments, *files], cwd=project, env=env)


def test_precommit_hook_declaration() -> None:
    [hook] = _load(".pre-commit-hooks.yaml")
    assert hook["id"] == "icekit-check" and hook["language"] == "python"
    # `icekit check` takes every file itself: no shell loop around it.
    assert shlex.split(hook["entry"]) == ["icekit", "check"]
    assert hook["pass_filenames"] is True
    import re

    pattern = re.compile(hook["files"])
    assert pattern.search("stacks/Pulumi.dev.yaml")
    assert not pattern.search("Pulumi.yaml") and not pattern.search("components/program.py")


def test_precommit_hook_checks_every_stack_and_keeps_the_worst_status(tmp_path: Path) -> None:
    project = _project(tmp_path)
    done = _run_hook(project, ["stacks/Pulumi.strict.yaml", "stacks/Pulumi.dev.yaml"])
    assert done.returncode == 1, done.stderr
    assert "icekit check: strict (prod," in done.stdout and "icekit check: dev (dev," in done.stdout
    assert "RAM106" in done.stdout
    done = _run_hook(
        project,
        ["stacks/Pulumi.dev.yaml", "stacks/Pulumi.broken.yaml", "stacks/Pulumi.strict.yaml"],
        in_process=True,  # the first run is the smoke test of `icekit check` as a process
    )
    assert done.returncode == 2
    assert done.stdout == "" and done.stderr.startswith("error: stacks/Pulumi.broken.yaml: ")
