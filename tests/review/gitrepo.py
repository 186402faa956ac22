"""A throw-away git repository holding a copy of the project (Pulumi.yaml, stacks/, components/),
with branches whose commits change access in known ways. Built once per test module."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
COPIED = ("Pulumi.yaml", "__main__.py", "stacks", "components")
GIT_IDENTITY = [
    "-c",
    "user.name=icekit-tests",
    "-c",
    "user.email=tests@icekit.invalid",
    "-c",
    "commit.gpgsign=false",
]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *GIT_IDENTITY, *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def worktrees(repo: Path) -> list[str]:
    return [
        line
        for line in git(repo, "worktree", "list", "--porcelain").splitlines()
        if line.startswith("worktree ")
    ]


def copy_project(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.is_file():
            shutil.copy2(source, target / name)


def init_repo(repo: Path, prepare: Callable[[Path], None] | None = None, *, subdir: str = "") -> None:
    """The project goes to `repo/subdir` (a project need not sit at the repository root)."""
    copy_project(repo / subdir)
    if prepare is not None:
        prepare(repo / subdir)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "tag", "base")


def edit_stack(repo: Path, stack: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = repo / "stacks" / f"Pulumi.{stack}.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document["config"])
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def edit_source(repo: Path, relative: str, pattern: str, replacement: str) -> None:
    """Regex edit of a copied component; fails loudly when the component no longer has the pattern."""
    path = repo / relative
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), flags=re.S)
    assert count == 1, f"{relative}: pattern {pattern!r} not found once (components changed?)"
    path.write_text(text, encoding="utf-8")


def app(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(a for a in config["icekit:apps"] if a["name"] == name)


def commit_branch(
    repo: Path, branch: str, edit: Callable[[Path], None], start: str = "base", *, subdir: str = ""
) -> None:
    git(repo, "checkout", "-q", "-b", branch, start)
    edit(repo / subdir)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", branch)
    git(repo, "checkout", "-q", "main")
