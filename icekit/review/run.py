"""Runs a review end to end: resolve revisions, check out the base (and head) in temporary worktrees,
plan every stack on both sides in worker processes, diff, judge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from icekit.errors import UserInputError
from icekit.plan.model import PlanResult
from icekit.plan.stack_set import stack_set_findings
from icekit.project import PROJECT_FILE, read_project_if_present
from icekit.report.model import Review, Revision, StackSource
from icekit.review.guarded import changed_paths, guardrail_changes
from icekit.review.planned import PlannedStack
from icekit.review.planner import PlanTask, plan_all
from icekit.review.tool import installed_judge
from icekit.review.verdict import FailOn, build_review
from icekit.review.worktree import repo_root, resolve_commit, temporary_worktree

__all__ = ["WORKING_TREE", "run_review", "with_stack_set_findings"]

WORKING_TREE = "working tree"


def run_review(
    project_dir: Path,
    base_ref: str,
    head_ref: str | None = None,
    stacks: Sequence[str] = (),
    fail_on: FailOn = "broadening",
    *,
    acknowledged: bool = False,
) -> Review:
    """`acknowledged`: broadening a code owner approved (build_review). The report names the icekit that
    judged and lists the changed files of the guardrails themselves (icekit.review.guarded)."""
    project_dir = project_dir.resolve()
    root = repo_root(project_dir)
    inside = project_dir.relative_to(root)  # the project may live in a subdirectory of the repository
    base_commit = resolve_commit(root, base_ref)
    head_commit = resolve_commit(root, head_ref) if head_ref else None
    with ExitStack() as cleanup:
        base_dir = cleanup.enter_context(temporary_worktree(root, base_commit)) / inside
        if head_commit is None:
            head_dir = project_dir
        else:
            head_dir = cleanup.enter_context(temporary_worktree(root, head_commit)) / inside
        if not (base_dir / PROJECT_FILE).is_file() and not (head_dir / PROJECT_FILE).is_file():
            # A wrong --repo would otherwise review zero stacks and pass.
            raise UserInputError(
                f"no Pulumi project here at base or head (no {PROJECT_FILE}; use --repo)",
                file=project_dir / PROJECT_FILE,
            )
        base_stacks = _stack_names(base_dir, f"base {base_ref}", inside)
        head_stacks = _stack_names(head_dir, f"head {head_ref or WORKING_TREE}", inside)
        wanted = _wanted(stacks, base_stacks | head_stacks)
        head_label = head_ref or WORKING_TREE
        planned = plan_all(
            [
                PlanTask(
                    "base", base_dir, tuple(s for s in wanted if s in base_stacks), f"base {base_ref}", inside
                ),
                PlanTask(
                    "head",
                    head_dir,
                    tuple(s for s in wanted if s in head_stacks),
                    f"head {head_label}",
                    inside,
                ),
            ]
        )
        sources = tuple(
            _source(inside, name, p.plan) for (side, name), p in planned.items() if side == "head"
        )
    planned = with_stack_set_findings(planned)
    sides = {name: (planned.get(("base", name)), planned.get(("head", name))) for name in wanted}
    review = build_review(
        Revision(base_ref, base_commit),
        Revision(head_label, head_commit),
        sides,
        fail_on,
        acknowledged=acknowledged,
    )
    return replace(
        review,
        sources=tuple(sorted(sources, key=lambda s: s.stack)),
        judge=installed_judge(base_commit),
        guardrail_changes=guardrail_changes(changed_paths(root, base_commit, head_commit), inside),
    )


def _wanted(stacks: Sequence[str], known: set[str]) -> list[str]:
    """The stacks asked for (default: every stack of either side); a name on neither side is an error."""
    wanted = sorted(set(stacks)) if stacks else sorted(known)
    unknown = [name for name in wanted if name not in known]
    if unknown:
        existing = ", ".join(sorted(known)) or "none"
        missing = ", ".join(map(repr, unknown))
        raise UserInputError(f"no stack {missing} at base or head (stacks: {existing})", key_path="--stack")
    return wanted


def with_stack_set_findings(
    planned: Mapping[tuple[str, str], PlannedStack],
) -> dict[tuple[str, str], PlannedStack]:
    """Each side's stacks checked together too (icekit.rules.set): a collision a change introduces between
    two stacks is a new finding of each."""
    result = dict(planned)
    for side in {key[0] for key in planned}:
        members = {name: p for (s, name), p in planned.items() if s == side}
        across = stack_set_findings([p.plan for p in members.values()])
        for name, stacked in members.items():
            extra = tuple(across.get(name, ()))
            if extra:
                result[side, name] = stacked.model_copy(update={"findings": (*stacked.findings, *extra)})
    return result


def _stack_names(directory: Path, side: str, inside: Path) -> set[str]:
    """The side's stacks; a project file it cannot read is named as a path in the repository, at that side."""
    try:
        project = read_project_if_present(directory)
    except UserInputError as exc:
        file = (inside / PROJECT_FILE).as_posix()
        raise UserInputError(f"at {side}: {exc.message}", file=file, key_path=exc.key_path) from None
    return set() if project is None else set(project.stack_names())


def _source(inside: Path, stack: str, plan: PlanResult) -> StackSource:
    """Where the head's stack file is, and its lines: the plan carries both, so nothing is read again."""
    return StackSource(stack, (inside / Path(plan.stackFile)).as_posix(), plan.lineIndex)
