"""`icekit access STACK`: what each app's role may do, decided by the RAM evaluator; `--can ACTION`: one
decision for scripts."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from icekit.cli.options import format_option, out_file_option, project_dir_option, write_report
from icekit.errors import EXIT_FINDINGS, EXIT_OK, UserInputError

__all__ = ["command"]


@click.command(name="access")
@click.argument("stack")
@click.option("--app", default=None, metavar="NAME", help="Only this app's role.")
@format_option(
    ["text", "json", "markdown"],
    default="text",
    help="text: a table per role; json: one document; markdown: for a pull request or a wiki.",
)
@click.option(
    "--can",
    "action",
    default=None,
    metavar="ACTION",
    help="Decide one action (e.g. ice:DeleteMediaInfos) for the app's role: exit 0 allowed, 1 denied.",
)
@click.option("--resource", default=None, metavar="ARN", help="With --can: the resource (default: any).")
@click.option(
    "--source-ip", default=None, metavar="IP", help="With --can: the caller's address (default: any)."
)
@click.option(
    "--secure-transport/--no-secure-transport",
    default=None,
    help="With --can: over HTTPS or plain HTTP (default: either).",
)
@out_file_option(help="Write the report to FILE (atomically) instead of standard output.")
@project_dir_option()
def command(
    stack: str,
    app: str | None,
    output_format: str,
    action: str | None,
    resource: str | None,
    source_ip: str | None,
    secure_transport: bool | None,
    out_file: Path | None,
    project_dir: Path,
) -> None:
    """Show, for each app of STACK (a name or a stack file path), who may assume its role and every action
    the role is allowed: ICE actions expanded from wildcards against ICE's list, OSS and MNS actions on which
    resources, from which networks, whether only over HTTPS. Computed with the RAM evaluator on the offline
    plan, not read from the statements' text.

    With --can ACTION: one decision and the statement that made it. Options left out are not fixed: the
    answer is whether some request with the values given is allowed, and under which conditions.

    Exit codes: 0 shown (--can: allowed); 1 --can: denied; 2 invalid input (unknown stack or app, an
    action or address that is none; nothing written).
    """
    from icekit.access.can import Question, can
    from icekit.access.table import access_table
    from icekit.plan import run_plan
    from icekit.report import Report, render

    question = None
    if action is not None:
        question = Question(action, app, resource, source_ip, secure_transport).checked()
    elif resource is not None or source_ip is not None or secure_transport is not None:
        raise UserInputError("--resource, --source-ip and --secure-transport go with --can ACTION")
    plan = run_plan(stack, project_dir)
    if question is not None:
        answer = can(plan, question)
        report = Report("access", (), can=answer)
        exit_code = EXIT_OK if answer.allowed else EXIT_FINDINGS
    else:
        if app is not None and app not in plan.clientConfigs:
            known = ", ".join(plan.clientConfigs) or "none"
            raise UserInputError(f"no app {app!r} in stack {plan.stack!r} (apps: {known})", key_path="--app")
        report = Report("access", (), access=access_table(plan, app))
        exit_code = EXIT_OK
    text = render(report, output_format, color=out_file is None and sys.stdout.isatty())
    write_report(text, out_file, written=f"wrote {out_file}")
    sys.exit(exit_code)
