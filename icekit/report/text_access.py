"""Text (rich) of `icekit access`: per role who may assume it and a table of what it may do; or one
`--can` answer. icekit.report.text hands `access` reports here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from icekit.access.model import shown

if TYPE_CHECKING:
    from icekit.access.model import AccessTable, CanAnswer, RoleAccess
    from icekit.report.model import Report

__all__ = ["print_access"]


def _grants(role: RoleAccess) -> Table:
    others = any(row.when.other for row in role.grants)
    table = Table(header_style="bold", expand=False)
    for column in ("actions", "resource", "from", "HTTPS", *(["conditions"] if others else []), "granted by"):
        # ARNs and action names wrap, never lose their end to an ellipsis.
        table.add_column(column, overflow="fold", no_wrap=column == "HTTPS")
    for row in role.grants:
        cells = [
            "\n".join(shown(row.actions)),
            "\n".join(row.resources),
            row.when.networks_text().replace(", ", "\n"),
            row.when.https_text(),
            *(["\n".join(row.when.other)] if others else []),
            row.granted_by,
        ]
        table.add_row(*(escape(text) for text in cells))
    return table


def _role(role: RoleAccess, console: Console) -> None:
    title = f"{role.app}: role {role.role}" if role.app else f"role {role.role}"
    where = f" ({role.declaration_path})" if role.declaration_path else ""
    console.print(f"[bold cyan]{escape(title)}[/]{escape(where)}")
    if not role.assumable_by:
        console.print("  assumable by: nobody", highlight=False)
    for trust in role.assumable_by:
        console.print(escape(f"  assumable by {trust.principal}, {trust.when.render()}"), highlight=False)
    if role.grants:
        console.print(_grants(role))
    else:
        console.print("  no action allowed", highlight=False)
    for problem in role.problems:
        console.print(f"  [yellow]not evaluated: {escape(problem)}[/]", highlight=False)


def _table(access: AccessTable, console: Console) -> None:
    head = f"icekit access: {access.stack} ({access.region}, account {access.account_id})"
    console.print(f"[bold]{escape(head)}[/]", highlight=False)
    for role in access.roles:
        console.print()
        _role(role, console)
    console.print()
    console.print(
        f"{len(access.roles)} role(s); {access.decisions} requests decided by the RAM evaluator",
        highlight=False,
    )


def _given(answer: CanAnswer) -> str:
    given = []
    if answer.resource:
        given.append(f"on {answer.resource}")
    if answer.source_ip:
        given.append(f"from {answer.source_ip}")
    if answer.secure_transport is not None:
        given.append("over HTTPS" if answer.secure_transport else "over plain HTTP")
    return f" ({', '.join(given)})" if given else ""


def _can(answer: CanAnswer, console: Console) -> None:
    who = f"{answer.app} (role {answer.role})" if answer.app else f"role {answer.role}"
    style = "green" if answer.allowed else "red"
    verdict = "allowed" if answer.allowed else "denied"
    console.print(
        f"[bold {style}]{verdict}[/]: {escape(answer.action)}{escape(_given(answer))} for {escape(who)}",
        highlight=False,
    )
    if answer.statement:
        console.print(f"  decided by {escape(answer.statement)}", highlight=False)
    if answer.allowed:
        console.print(f"  on {escape(', '.join(answer.resources))}", highlight=False)
        for when in answer.where:
            console.print(f"  {escape(when.render())}", highlight=False)
    for reason in answer.reasons:
        console.print(f"  - {escape(reason)}", highlight=False)


def print_access(report: Report, console: Console) -> None:
    if report.can is not None:
        _can(report.can, console)
    elif report.access is not None:
        _table(report.access, console)
    else:
        raise ValueError("an access report carries its table or its answer")
