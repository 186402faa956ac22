"""Which icekit judges a review (`icekit review --tool-from installed|base`).

`installed` (the default): the icekit running this command. `base`: the base revision's icekit, so a change
cannot disarm its own review by editing icekit's rules, review or verdict. When the base revision holds
icekit's source (this repository, or a fork of it), the review runs again in a child process,
`python -P -m icekit.cli review ...`, with a temporary checkout of the base first on PYTHONPATH: the CLI,
the plan engine, the rules and the verdict are then the base's, in that process and in its plan workers,
while each side is still planned with its own components and stacks (the workers put each side's checkout
first). A project made by `icekit init` holds no icekit source: its base's icekit is the version its
requirements.txt pins, which its workflow installs and runs; here `base` is the installed icekit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, get_args

import icekit
from icekit.errors import UserInputError
from icekit.review.worktree import git, temporary_worktree

__all__ = [
    "TOOL_FROM",
    "ToolFrom",
    "base_holds_icekit",
    "installed_judge",
    "judge_in_base",
    "runs_from",
]

ToolFrom = Literal["installed", "base"]
TOOL_FROM: tuple[ToolFrom, ...] = get_args(ToolFrom)
_PACKAGE_MARKER = "icekit/__init__.py"
_CHILD_GRACE_SECONDS = 60


def _tool_checkout() -> Path:
    """The directory this icekit is imported from would be a checkout's root if it is one."""
    return Path(icekit.__file__).resolve().parents[1]


def runs_from(commit: str) -> bool:
    """Whether this process's icekit is the source of `commit`, unmodified (a checkout of the base)."""
    tool_root = _tool_checkout()
    try:
        git(tool_root, "ls-files", "--error-unmatch", _PACKAGE_MARKER)
        head = git(tool_root, "rev-parse", "HEAD").strip()
        dirty = git(tool_root, "status", "--porcelain", "--", "icekit").strip()
    except UserInputError:  # not a git checkout of icekit (an installed wheel)
        return False
    return head == commit and not dirty


def base_holds_icekit(root: Path, commit: str) -> bool:
    listed = git(root, "ls-tree", "--name-only", commit, "--", _PACKAGE_MARKER).strip()
    return listed == _PACKAGE_MARKER


def installed_judge(commit: str | None = None) -> str:
    """Who judges in this process, as the report names it (`commit`: the base's)."""
    if commit is not None and runs_from(commit):
        return f"the base's icekit ({commit[:12]}, icekit {icekit.__version__})"
    return f"the installed icekit {icekit.__version__}"


def judge_in_base(root: Path, commit: str, argv: Sequence[str]) -> int:
    """Run `icekit review ARGV` with the base's icekit (checked out at `commit`); its exit status."""
    with temporary_worktree(root, commit) as tree:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(tree), *filter(None, [env.get("PYTHONPATH")])])
        # -P: not the working directory (possibly the head's checkout) on sys.path; PYTHONPATH comes first.
        child = subprocess.Popen([sys.executable, "-P", "-m", "icekit.cli", "review", *argv], env=env)
        try:
            return child.wait()
        except KeyboardInterrupt:
            # The child removes its own worktrees on SIGTERM (as `icekit review` does); then ours goes.
            child.terminate()
            child.wait(timeout=_CHILD_GRACE_SECONDS)
            raise
