"""Run an `icekit` executable the way a user would: in a directory of its own, with an environment that
names neither this checkout nor this test environment."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.distribution.tools import ROOT, clean_environment

__all__ = ["CHECKOUT_ICEKIT", "PlanArtefacts", "Run", "copy_project", "plan_dev", "run_icekit", "tree"]

# This checkout's icekit on the suite's interpreter: the reference an installed wheel must agree with.
CHECKOUT_ICEKIT = Path(sys.executable).with_name("icekit")
# What a project needs for `icekit plan`/`check`: the Pulumi project file and the stacks (the program and the
# CrossGuard pack come along so the copy is the whole bundled project, as a team would hold it).
PROJECT_FILES = ("Pulumi.yaml", "__main__.py", "stacks", "policies")


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    def clean(self) -> bool:
        """Neither a traceback nor a warning on stderr."""
        return "Traceback" not in self.stderr and "Warning" not in self.stderr


def run_icekit(icekit: Path, args: list[str], cwd: Path, stdin: str | None = None) -> Run:
    done = subprocess.run(
        [str(icekit), *args],
        cwd=cwd,
        env=clean_environment(icekit.parent),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy(source, dest / name)
    return dest


def tree(directory: Path) -> dict[str, bytes]:
    """Relative path -> content of every file under `directory`."""
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()
    }


@dataclass(frozen=True)
class PlanArtefacts:
    document: str  # `icekit plan dev --format json`
    files: dict[str, bytes]  # what it wrote under build/dev/

    @property
    def outputs(self) -> object:
        """The stack outputs the plan computed, as `pulumi stack output --json` would print them."""
        return json.loads(self.document)["outputs"]


def plan_dev(icekit: Path, work: Path) -> PlanArtefacts:
    """Plan the bundled dev stack from a copy of the project in `work/project`, into `work/build`."""
    copy_project(work / "project")
    args = ["plan", "dev", "--project-dir", "project", "--out", "build", "--format", "json"]
    done = run_icekit(icekit, args, work)
    assert (done.code, done.clean()) == (0, True), done.stderr
    return PlanArtefacts(document=done.stdout, files=tree(work / "build" / "dev"))
