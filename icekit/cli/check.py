"""`icekit check`: the guardrails over a stack (offline plan) or over standalone RAM policy files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from icekit.cli.options import (
    fail_on_option,
    format_option,
    out_file_option,
    project_dir_option,
    write_report,
)
from icekit.errors import UserInputError

if TYPE_CHECKING:
    from icekit.report import Report

__all__ = ["command"]


@click.command(name="check")
@click.argument("stacks", metavar="[STACK]...", nargs=-1)
@format_option(
    ["text", "json", "sarif", "markdown"],
    default="text",
    help="text: terminal table; json: one document; sarif: SARIF 2.1.0; markdown: a pull-request comment.",
)
@fail_on_option(
    ["advisory", "mandatory"],
    default="mandatory",
    help="Exit 1 when an unsuppressed finding is at or above this level.",
)
@out_file_option(help="Write the report to FILE (atomically) instead of standard output.")
@click.option(
    "--policy",
    "policy_files",
    # directories too: the one input reader refuses them in the same words as every other verb
    type=click.Path(path_type=Path),
    multiple=True,
    help="Lint a standalone RAM policy or trust policy JSON file instead of a stack; with --policy, "
    "further arguments are policy files too (`--policy a.json b.json`).",
)
@click.option(
    "--environment",
    default="prod",
    show_default=True,
    help="With --policy: whose required conditions apply; its tier (docs/guardrails.md) decides: production "
    "(any name not clearly a development one) adds acs:SourceIp.",
)
@click.option(
    "--account-id",
    default=None,
    help="With --policy: the account the roles live in, so STS202 can tell other accounts apart.",
)
@project_dir_option()
def command(
    stacks: tuple[str, ...],
    output_format: str,
    fail_on: str,
    out_file: Path | None,
    policy_files: tuple[Path, ...],
    environment: str,
    account_id: str | None,
    project_dir: Path,
) -> None:
    """Check each STACK (a name or a stack file path) against icekit's guardrails, or lint RAM policy and
    trust policy files: `icekit check --policy FILE [FILE]...`.

    Exit codes: 0 clean; 1 findings at or above --fail-on in some stack (suppressed findings never fail);
    2 invalid input (nothing written).
    """
    from icekit.check import check_policy_files, exit_code
    from icekit.report import render

    if policy_files:
        # `--policy a.json b.json`: the arguments after the option are policy files too, not stacks.
        files = [*policy_files, *(Path(arg) for arg in stacks)]
        report = check_policy_files(files, environment=environment, account_id=account_id)
    elif stacks:
        report = _check_stacks(stacks, project_dir)
    else:
        raise UserInputError("give a STACK (name or stack file) or --policy FILE [FILE]...")
    # Colour only for a terminal; a file or another format gets plain text.
    text = render(report, output_format, color=out_file is None and sys.stdout.isatty())
    counts, targets = report.counts(), len(report.targets)
    written = (
        f"wrote {out_file}: {counts['mandatory']} mandatory, {counts['advisory']} advisory, "
        f"{counts['suppressed']} suppressed" + (f" ({targets} stacks)" if targets > 1 else "")
    )
    write_report(text, out_file, written=written)
    sys.exit(exit_code(report, "advisory" if fail_on == "advisory" else "mandatory"))


def _check_stacks(stacks: tuple[str, ...], project_dir: Path) -> Report:
    """Each stack planned and checked (icekit.cli.planning: every invalid stack named, exit 2 before anything
    is written), then the valid stacks together (what spans stacks: icekit.rules.set)."""
    from icekit.check import check_plans
    from icekit.cli.planning import plan_all

    planned = plan_all(stacks, project_dir, render=False)
    return check_plans([p.plan for p in planned], [p.findings for p in planned])
