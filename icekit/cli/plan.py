"""`icekit plan STACK...`: run each stack's Pulumi program offline, check it, render its client config."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from icekit.errors import EXIT_FINDINGS, EXIT_OK, UserInputError

if TYPE_CHECKING:
    from icekit.plan.stacks import StackPlan
    from icekit.report import Report

__all__ = ["command"]


@click.command(name="plan")
@click.argument("stacks", metavar="STACK...", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="OUT/STACK/ is replaced with one <app>/ of client configuration per app.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: resource tree, findings, files; json: one document (several stacks: an array of them).",
)
@click.option(
    "--tree",
    is_flag=True,
    help="text: every resource as a tree, also for a large stack (beyond 50 resources or 10 applications "
    "the text shows one line per application).",
)
@click.option(
    "--project-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The directory holding Pulumi.yaml.",
)
def command(
    stacks: tuple[str, ...], out_dir: Path, output_format: str, tree: bool, project_dir: Path
) -> None:
    """Plan each STACK (a stack name, or a path to a Pulumi.<stack>.yaml) without the Pulumi CLI or
    credentials; reports in the order given.

    Exit codes: 0 planned; 1 mandatory findings in some stack (files are still written); 2 invalid input in
    some stack (nothing written for any stack).
    """
    from icekit.cli.planning import plan_all
    from icekit.plan.checks import blocking

    planned = plan_all(stacks, project_dir, render=True)
    _refuse_repeated(stacks, planned)
    # Everything that can fail on bad input has run: only now does anything reach the disk.
    reports = _write_all(planned, out_dir)
    _print(reports, output_format, tree=True if tree else None)
    failed = any(blocking(stack_plan.findings) for stack_plan in planned)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _refuse_repeated(stacks: tuple[str, ...], planned: list[StackPlan]) -> None:
    """One stack given twice (by name and by path, say) would be written twice into OUT/STACK/."""
    seen: dict[str, str] = {}
    for stack, stack_plan in zip(stacks, planned, strict=True):
        name = stack_plan.plan.stack
        if name in seen:
            raise UserInputError(f"stack {name!r} given twice ({seen[name]!r} and {stack!r})")
        seen[name] = stack


def _write_all(planned: list[StackPlan], out_dir: Path) -> list[Report]:
    """Every OUT/STACK/ is checked first, so that one a user's file blocks leaves the others unwritten too."""
    from icekit.plan.files import write_plan_files
    from icekit.plan.report import plan_report
    from icekit.render.stackdir import check_replaceable

    for stack_plan in planned:
        check_replaceable(out_dir / stack_plan.plan.stack)
    reports = []
    for stack_plan in planned:
        written = write_plan_files(out_dir, stack_plan.plan.stack, stack_plan.files)
        reports.append(plan_report(stack_plan.plan, stack_plan.findings, written))
    return reports


def _print(reports: list[Report], output_format: str, *, tree: bool | None) -> None:
    if output_format == "json":
        import json

        from icekit.report.json import json_document, render_json

        if len(reports) == 1:
            sys.stdout.write(render_json(reports[0]))
        else:
            documents = [json_document(report) for report in reports]
            sys.stdout.write(json.dumps(documents, indent=2, ensure_ascii=False) + "\n")
        return
    from icekit.cli.console import PipeSafeConsole
    from icekit.report.text import print_text

    console = PipeSafeConsole()
    for index, report in enumerate(reports):
        if index:
            console.print()
        print_text(report, console, tree=tree)
