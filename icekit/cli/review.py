"""`icekit review --base REF`: what a change does to access, client configuration and findings."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import click

from icekit.cli.options import fail_on_option, format_option, out_file_option, write_report
from icekit.errors import EXIT_FINDINGS, EXIT_OK
from icekit.review.tool import TOOL_FROM

__all__ = ["command"]

EXIT_INTERRUPTED = 130


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a cancelled CI job) unwinds like Ctrl-C, so the temporary worktrees are removed."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (e.g. called from a test runner thread)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _arguments_again() -> list[str]:
    """This command's options as arguments for the base's `icekit review` (same cwd, so same paths)."""
    options: dict[str, Any] = click.get_current_context().params
    arguments = ["--base", options["base_ref"], "--format", options["output_format"]]
    arguments += ["--fail-on", options["fail_on"], "--repo", str(options["project_dir"])]
    arguments += ["--head", options["head_ref"]] if options["head_ref"] else []
    arguments += [part for stack in options["stacks"] for part in ("--stack", stack)]
    arguments += ["--out", str(options["out_file"])] if options["out_file"] else []
    arguments += ["--acknowledge-broadening"] if options["acknowledge_broadening"] else []
    return [*arguments, "--tool-from", "base"]


def _judge_in_base_if_elsewhere(project_dir: Path, base_ref: str, arguments: list[str]) -> None:
    """With the base's icekit source not the one running: review again with it, and exit with its status.
    A base without icekit source (a project made by `icekit init`) is judged by the installed icekit."""
    from icekit.review.tool import base_holds_icekit, judge_in_base, runs_from
    from icekit.review.worktree import repo_root, resolve_commit

    root = repo_root(project_dir.resolve())
    commit = resolve_commit(root, base_ref)
    if not runs_from(commit) and base_holds_icekit(root, commit):
        sys.exit(judge_in_base(root, commit, arguments))


@click.command(name="review")
@click.option(
    "--base", "base_ref", required=True, help="The revision to compare against (branch, tag, commit)."
)
@click.option(
    "--head", "head_ref", default=None, help="The revision under review. Default: the working tree."
)
@click.option(
    "--stack",
    "stacks",
    multiple=True,
    help="Review only this stack (repeatable). Default: every stack at base or head.",
)
@format_option(
    ["markdown", "json", "sarif"],
    default="markdown",
    help="markdown: one pull-request comment; json: the same data; sarif: the new findings.",
)
@fail_on_option(
    ["broadening", "mandatory", "never"],
    default="broadening",
    help="Exit 1 when access broadens or a new mandatory finding appears (broadening), "
    "only on a new mandatory finding (mandatory), or never.",
)
@out_file_option(help="Write the report to this file instead of stdout.")
@click.option(
    "--repo",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The project directory (holding Pulumi.yaml) inside the git repository.",
)
@click.option(
    "--tool-from",
    "tool_from",
    type=click.Choice(TOOL_FROM),
    default="installed",
    show_default=True,
    help="Which icekit judges: the installed one, or the base revision's (its rules, review and verdict; "
    "each side is still planned with its own components and stacks).",
)
@click.option(
    "--acknowledge-broadening",
    is_flag=True,
    help="A code owner approved this change's broadening: report it, but fail only on a new mandatory "
    "finding (the workflow sets this for the label icekit/broadening-approved).",
)
def command(
    base_ref: str,
    head_ref: str | None,
    stacks: tuple[str, ...],
    output_format: str,
    fail_on: str,
    out_file: Path | None,
    project_dir: Path,
    tool_from: str,
    acknowledge_broadening: bool,
) -> None:
    """Plan the stacks at --base and at the head, and report what the change does: whether it broadens
    access (RAM statements, trust, attachments, bucket and callback protection), how each application's
    client configuration changes, and which findings it adds or fixes.

    Exit codes: 0 reviewed; 1 --fail-on triggered; 2 invalid input (unknown revision or stack, a stack that
    fails to plan); 130 interrupted.
    """
    from icekit.report import render
    from icekit.review.report import review_report
    from icekit.review.run import run_review
    from icekit.review.verdict import FAIL_ON

    fail_mode = next(mode for mode in FAIL_ON if mode == fail_on)
    try:
        with _terminate_as_interrupt():
            if tool_from == "base":
                _judge_in_base_if_elsewhere(project_dir, base_ref, _arguments_again())
            review = run_review(
                project_dir, base_ref, head_ref, stacks, fail_mode, acknowledged=acknowledge_broadening
            )
    except KeyboardInterrupt:
        click.echo("error: interrupted (temporary worktrees removed)", err=True)
        sys.exit(EXIT_INTERRUPTED)

    write_report(
        render(review_report(review), output_format),
        out_file,
        written=f"review written to {out_file} (verdict: {review.verdict})",
        written_to_stderr=True,
        create_parents=True,
    )
    sys.exit(EXIT_FINDINGS if review.failed else EXIT_OK)
