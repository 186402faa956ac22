"""The shipped GitHub workflow and pre-commit hook: shape, and the hook's entry run against a fake icekit."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
from pathlib import Path
from typing import Any

import yaml

from icekit.review.markdown import COMMENT_MARKER

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


def _fake_icekit(directory: Path, failing: dict[str, int]) -> Path:
    log = directory / "calls.log"
    script = directory / "icekit"
    cases = "".join(f'  "{name}") exit {code} ;;\n' for name, code in failing.items())
    script.write_text(
        f'#!/bin/sh\necho "$@" >> "{log}"\ncase "$2" in\n{cases}esac\nexit 0\n', encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return log


def _run_hook(tmp_path: Path, files: list[str], failing: dict[str, int]) -> tuple[int, list[str]]:
    [hook] = _load(".pre-commit-hooks.yaml")
    log = _fake_icekit(tmp_path, failing)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    # pre-commit splits the entry like a shell and appends the matched file names.
    done = subprocess.run([*shlex.split(hook["entry"]), *files], env=env, check=False)
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return done.returncode, calls


def test_precommit_hook_declaration() -> None:
    [hook] = _load(".pre-commit-hooks.yaml")
    assert hook["id"] == "icekit-check" and hook["language"] == "python"
    assert hook["pass_filenames"] is True
    import re

    pattern = re.compile(hook["files"])
    assert pattern.search("stacks/Pulumi.dev.yaml")
    assert not pattern.search("Pulumi.yaml") and not pattern.search("components/program.py")


def test_precommit_hook_checks_every_stack_and_keeps_the_worst_status(tmp_path: Path) -> None:
    files = ["stacks/Pulumi.dev.yaml", "stacks/Pulumi.prod.yaml", "stacks/Pulumi.qa.yaml"]
    code, calls = _run_hook(tmp_path, files, {"stacks/Pulumi.dev.yaml": 2, "stacks/Pulumi.prod.yaml": 1})
    assert code == 2
    assert calls == [f"check {f}" for f in files]
    code, _ = _run_hook(tmp_path, ["stacks/Pulumi.qa.yaml"], {})
    assert code == 0
