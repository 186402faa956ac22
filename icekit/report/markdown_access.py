"""Markdown of `icekit access` (the table per role, or one `--can` answer) and of the review's access
changes per role (icekit.report.markdown calls `access_section` for each stack)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from icekit.access.model import shown
from icekit.report.markdown_table import cell, code, codes, table

if TYPE_CHECKING:
    from icekit.access.model import AccessTable, CanAnswer, RoleAccess, RoleAccessChange
    from icekit.report.model import Report

__all__ = ["access_markdown", "access_section", "can_markdown", "table_markdown"]


def _role_heading(role: RoleAccess) -> str:
    app = f"`{cell(role.app)}`: role " if role.app else "role "
    where = f" ({cell(role.declaration_path)})" if role.declaration_path else ""
    return f"### {app}`{cell(role.role)}`{where}"


def _role(role: RoleAccess) -> list[str]:
    lines = ["", _role_heading(role), ""]
    trusted = [f"{code(t.principal)} {cell(t.when.render())}" for t in role.assumable_by]
    lines.append(
        "Assumable by: " + ("; ".join(trusted) if trusted else "nobody (no trust policy admits anyone)")
    )
    lines.append("")
    if role.grants:
        others = any(row.when.other for row in role.grants)
        header = ["actions", "resource", "from", "HTTPS", *(["conditions"] if others else []), "granted by"]
        rows = [
            [
                codes(shown(row.actions)),
                codes(row.resources),
                cell(row.when.networks_text()),
                row.when.https_text(),
                *([cell("; ".join(row.when.other))] if others else []),
                cell(row.granted_by),
            ]
            for row in role.grants
        ]
        lines += table(header, rows)
    else:
        lines.append("No action allowed.")
    for problem in role.problems:
        lines += ["", f"**Not evaluated**: {cell(problem)}"]
    return lines


def table_markdown(access: AccessTable) -> str:
    where = f"{cell(access.region)}, account {cell(access.account_id)}"
    lines = [f"## icekit access: `{cell(access.stack)}` ({where})"]
    for role in access.roles:
        lines += _role(role)
    return "\n".join(lines) + "\n"


def can_markdown(answer: CanAnswer) -> str:
    who = (
        f"`{cell(answer.app)}` (role `{cell(answer.role)}`)" if answer.app else f"role `{cell(answer.role)}`"
    )
    verdict = "allowed" if answer.allowed else "denied"
    lines = [f"**{verdict}**: `{cell(answer.action)}` for {who}"]
    if answer.statement:
        lines.append(f"- decided by {cell(answer.statement)}")
    if answer.allowed:
        lines.append(f"- on {codes(answer.resources)}")
        lines += [f"- {cell(when.render())}" for when in answer.where]
    lines += [f"- {cell(reason)}" for reason in answer.reasons]
    return "\n".join(lines) + "\n"


def access_markdown(report: Report) -> str:
    if report.can is not None:
        return can_markdown(report.can)
    if report.access is None:
        raise ValueError("an access report carries its table or its answer")
    return table_markdown(report.access)


def access_section(changes: Sequence[RoleAccessChange]) -> list[str]:
    """A review stack's access changes, per role: what it may now do, and what it no longer may."""
    lines = ["", "#### Access changes (evaluated)", ""]
    if not changes:
        return [*lines, "No access changed: every role may do exactly what it could before."]
    for role in changes:
        app = f" (app `{cell(role.app)}`)" if role.app else ""
        lines += [f"**`{cell(role.role)}`**{app}: {role.classification}", ""]
        lines += [f"- **{change.classification}**: {cell(change.text)}" for change in role.changes]
        lines.append("")
    return lines[:-1]
