"""`icekit plan STACK`: run the stack's Pulumi program offline, check it, render its client configuration."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from icekit.errors import EXIT_FINDINGS, EXIT_OK

__all__ = ["command"]


@click.command(name="plan")
@click.argument("stack")
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
    help="text: resource tree, findings, files; json: one document.",
)
@click.option(
    "--project-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The directory holding Pulumi.yaml.",
)
def command(stack: str, out_dir: Path, output_format: str, project_dir: Path) -> None:
    """Plan STACK (a stack name, or a path to a Pulumi.<stack>.yaml) without the Pulumi CLI or credentials.

    Exit codes: 0 planned; 1 mandatory findings (files are still written); 2 invalid input (nothing written).
    """
    from rich.console import Console

    from icekit.plan.checks import blocking, evaluate_plan
    from icekit.plan.engine import run_plan
    from icekit.plan.files import render_plan_files, write_plan_files
    from icekit.plan.progress import progress
    from icekit.plan.report import plan_report

    stderr = Console(stderr=True)
    with progress(stderr, f"planning stack {stack}") as step:
        plan = run_plan(stack, project_dir)
        step("checking guardrails")
        findings = evaluate_plan(plan)
        step("rendering client configuration")
        files = render_plan_files(plan)
    # Everything that can fail on bad input has run: only now does anything reach the disk.
    report = plan_report(plan, findings, write_plan_files(out_dir, plan.stack, files))

    if output_format == "json":
        from icekit.report.json import render_json

        sys.stdout.write(render_json(report))
    else:
        from icekit.cli.console import PipeSafeConsole
        from icekit.report.text import print_text

        print_text(report, PipeSafeConsole())
    sys.exit(EXIT_FINDINGS if blocking(findings) else EXIT_OK)
