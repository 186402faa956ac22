"""Git plumbing for the review: resolve revisions, and check one out in a temporary worktree that is
always removed again (`git worktree remove --force` + `prune` in a finally: on error and on Ctrl-C too)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from icekit.errors import UserInputError

__all__ = ["git", "repo_root", "resolve_commit", "temporary_worktree"]


def git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False, timeout=300
        )
    except FileNotFoundError:
        raise UserInputError("git is not installed or not on PATH") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise UserInputError(
            f"git {' '.join(args)} failed: {detail[-1] if detail else done.returncode}", file=repo
        )
    return done.stdout


def repo_root(directory: Path) -> Path:
    if not directory.is_dir():
        raise UserInputError("not a directory", file=directory)
    try:
        return Path(git(directory, "rev-parse", "--show-toplevel").strip()).resolve()
    except UserInputError:
        raise UserInputError(
            "not inside a git repository (review compares git revisions)", file=directory
        ) from None


def resolve_commit(repo: Path, ref: str) -> str:
    """The commit id `ref` names; UserInputError (exit 2) when there is no such revision."""
    done = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise UserInputError(f"revision {ref!r} does not exist in this repository", file=repo)
    return done.stdout.strip()


@contextmanager
def temporary_worktree(repo: Path, commit: str) -> Iterator[Path]:
    """A detached checkout of `commit` outside the repository, gone when the block exits."""
    holder = Path(tempfile.mkdtemp(prefix="icekit-review-"))
    tree = holder / "tree"
    try:
        git(repo, "worktree", "add", "--detach", "--quiet", str(tree), commit)
        yield tree
    finally:
        # Each step runs even if the previous one failed: the aim is no leftover worktree, whatever happened.
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "remove", "--force", str(tree)],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(holder, ignore_errors=True)
        subprocess.run(["git", "-C", str(repo), "worktree", "prune"], capture_output=True, check=False)
