"""`icekit check`: the guardrails over a stack (offline plan) or over standalone RAM policy files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from icekit.errors import UserInputError

__all__ = ["command"]


@click.command(name="check")
@click.argument("stack", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "markdown"]),
    default="text",
    show_default=True,
    help="text: terminal table; json: one document; sarif: SARIF 2.1.0; markdown: a pull-request comment.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["advisory", "mandatory"]),
    default="mandatory",
    show_default=True,
    help="Exit 1 when an unsuppressed finding is at or above this level.",
)
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to FILE (atomically) instead of standard output.",
)
@click.option(
    "--policy",
    "policy_files",
    type=click.Path(dir_okay=False, path_type=Path),
    multiple=True,
    help="Lint a standalone RAM policy or trust policy JSON file (repeatable) instead of a stack.",
)
@click.option(
    "--environment",
    type=click.Choice(["dev", "staging", "prod"]),
    default="prod",
    show_default=True,
    help="With --policy: whose required conditions apply (prod adds acs:SourceIp).",
)
@click.option(
    "--account-id",
    default=None,
    help="With --policy: the account the roles live in, so STS202 can tell other accounts apart.",
)
@click.option(
    "--project-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The directory holding Pulumi.yaml.",
)
def command(
    stack: str | None,
    output_format: str,
    fail_on: str,
    out_file: Path | None,
    policy_files: tuple[Path, ...],
    environment: str,
    account_id: str | None,
    project_dir: Path,
) -> None:
    """Check STACK against icekit's guardrails, or lint RAM policies given with --policy.

    Exit codes: 0 clean; 1 findings at or above --fail-on (suppressed findings never fail); 2 invalid input.
    """
    from icekit.check import check_policy_files, check_stack, exit_code
    from icekit.check.output import render, write_atomically

    if bool(stack) == bool(policy_files):
        raise UserInputError("give either a STACK or one or more --policy FILE, not both or neither")
    if policy_files:
        report = check_policy_files(list(policy_files), environment=environment, account_id=account_id)
    else:
        assert stack is not None
        report = check_stack(stack, project_dir)
    if output_format == "text" and out_file is None:
        from icekit.check.text import render_text

        text = render_text(report, color=sys.stdout.isatty())
    else:
        text = render(report, output_format)
    if out_file is not None:
        write_atomically(out_file, text)
        counts = report.counts()
        click.echo(
            f"wrote {out_file}: {counts['mandatory']} mandatory, {counts['advisory']} advisory, "
            f"{counts['suppressed']} suppressed"
        )
    else:
        sys.stdout.write(text)
    sys.exit(exit_code(report, "advisory" if fail_on == "advisory" else "mandatory"))
