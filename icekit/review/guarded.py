"""What a change does to the guardrails themselves: the files of icekit's own judging code (rules, review,
plan, facts, declaration, reports), of the CrossGuard pack, of the tool's pinned dependencies and of the
workflow that runs the review. A change to any of them is reported prominently, so a code owner looks:
the review may be judged by the base's icekit (`--tool-from base`), but what merges is the head's.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from icekit.review.worktree import git

__all__ = ["GUARDRAIL_PATHS", "changed_paths", "guardrail_changes", "is_guardrail_path"]

# Directories end in "/". Matched against the path in the repository and against the path inside the
# project directory (a project in a subdirectory has its own requirements.txt and policies/).
GUARDRAIL_PATHS = (
    "icekit/rules/",
    "icekit/review/",
    "icekit/check/",
    "icekit/plan/",
    "icekit/ram/",
    "icekit/facts/",
    "icekit/stack/",
    "icekit/report/",
    "icekit/crossguard.py",
    "icekit/program.py",
    "icekit/cli/review.py",
    "policies/",
    "pyproject.toml",
    "uv.lock",
    "constraints.txt",
    "requirements.txt",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    ".github/workflows/",
)


def is_guardrail_path(path: str) -> bool:
    return any(path.startswith(p) if p.endswith("/") else path == p for p in GUARDRAIL_PATHS)


def changed_paths(root: Path, base_commit: str, head_commit: str | None) -> list[str]:
    """Paths (in the repository) that differ between base and head; head None: the working tree, untracked
    files included."""
    if head_commit is not None:
        return git(root, "diff", "--name-only", "--no-renames", base_commit, head_commit).splitlines()
    tracked = git(root, "diff", "--name-only", "--no-renames", base_commit).splitlines()
    untracked = git(root, "ls-files", "--others", "--exclude-standard").splitlines()
    return sorted({*tracked, *untracked})


def guardrail_changes(paths: list[str], inside: Path) -> tuple[str, ...]:
    """The changed paths that belong to the guardrails, sorted."""
    prefix = PurePosixPath(inside.as_posix())
    found = set()
    for path in paths:
        pure = PurePosixPath(path)
        in_project = pure.relative_to(prefix).as_posix() if pure.is_relative_to(prefix) else None
        if is_guardrail_path(path) or (in_project is not None and is_guardrail_path(in_project)):
            found.add(path)
    return tuple(sorted(found))
