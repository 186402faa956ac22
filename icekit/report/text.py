"""Text reports for a terminal (rich).

`check`: per target one table of findings, then the suppressed ones with their reasons, then the counts
(several targets end with the totals). `plan`: the resources per application as a tree (beyond
SUMMARY_ABOVE_RESOURCES resources or SUMMARY_ABOVE_GROUPS applications: one line per application, its resource
counts by type and its findings, unless the tree is asked for), then the findings, then the files written.
`access`: per role who may assume it and what it may do (icekit.report.text_access).
`review` has no text form (markdown, json, sarif).

`print_text` writes to a console (the plan's, which knows the terminal); `render_text` returns the text.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from icekit.report.model import LocatedFinding, Report, TargetReport
from icekit.report.text_access import print_access

if TYPE_CHECKING:
    from icekit.plan.model import PlannedResource, PlanResult

__all__ = ["SUMMARY_ABOVE_GROUPS", "SUMMARY_ABOVE_RESOURCES", "print_text", "render_text"]

# Beyond either size a plan's text shows a line per application instead of every resource (`--tree` for all).
SUMMARY_ABOVE_RESOURCES = 50
SUMMARY_ABOVE_GROUPS = 10


def render_text(report: Report, *, color: bool = False, width: int = 120, tree: bool | None = None) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        soft_wrap=False,
        emoji=False,  # messages quote ARNs: `acs:ram::...` is not the :ram: emoji
    )
    print_text(report, console, tree=tree)
    return buffer.getvalue()


def print_text(report: Report, console: Console, *, tree: bool | None = None) -> None:
    """`console` should have emoji codes off (as render_text's and icekit.cli.console.PipeSafeConsole do).

    `tree` (plan): True shows every resource, False a line per application, None decides by the size."""
    if report.command == "plan":
        _print_plan(report, console, tree)
    elif report.command == "check":
        _print_check(report, console)
    elif report.command == "access":
        print_access(report, console)
    else:
        raise ValueError(f"`{report.command}` has no text report")


# --- check --------------------------------------------------------------------------------------------

_STYLE = {"mandatory": "bold red", "advisory": "yellow"}


def _where(item: LocatedFinding) -> str:
    finding = item.finding
    place = f"{item.file}:{item.line}" if item.file and item.line else (item.file or "")
    resource = finding.declarationPath or finding.resourceName or "(stack)"
    if resource == item.file:  # a --policy file: the file is the resource
        return place
    return f"{resource}\n{place}" if place else resource


def _table(items: list[LocatedFinding], with_reason: bool) -> Table:
    table = Table(show_lines=False, expand=False, header_style="bold")
    table.add_column("rule", no_wrap=True)
    table.add_column("level", no_wrap=True)
    table.add_column("where")
    table.add_column("reason" if with_reason else "message")
    for item in items:
        finding = item.finding
        level = finding.enforcement
        # Messages quote the user's input (actions from a policy file, names): never read as rich markup.
        message = escape(finding.message)
        table.add_row(
            escape(finding.ruleId),
            f"[{_STYLE[level]}]{level}[/]",
            escape(_where(item)),
            f"{message}\nsuppressed: {escape(finding.suppressionReason or '')}" if with_reason else message,
        )
    return table


def _counts_line(counts: dict[str, int]) -> str:
    return (
        f"{counts['mandatory']} mandatory, {counts['advisory']} advisory, {counts['suppressed']} suppressed "
        f"({counts['total']} findings)"
    )


def _print_target(target: TargetReport, console: Console) -> None:
    head = f"icekit check: {target.target}"
    if target.environment:
        head += f" ({target.environment}{', ' + target.region if target.region else ''})"
    console.print(escape(head), highlight=False)
    active = [item for item in target.findings if not item.finding.suppressed]
    suppressed = [item for item in target.findings if item.finding.suppressed]
    if active:
        console.print(_table(active, with_reason=False))
    if suppressed:
        console.print("suppressed (counted, never failing):", highlight=False)
        console.print(_table(suppressed, with_reason=True))
    console.print(_counts_line(target.counts()), highlight=False)


def _print_check(report: Report, console: Console) -> None:
    for index, target in enumerate(report.targets):
        if index:
            console.print()
        _print_target(target, console)
    if len(report.targets) > 1:
        console.print()
        console.print(f"{len(report.targets)} stacks: {_counts_line(report.counts())}", highlight=False)


# --- plan ---------------------------------------------------------------------------------------------

# The inputs worth a glance in the tree, in this order.
_HIGHLIGHTS = (
    "roleName",
    "policyName",
    "bucket",
    "queueName",
    "storageLocation",
    "url",
    "callbackUrl",
)


def _print_plan(report: Report, console: Console, tree: bool | None) -> None:
    plan = report.plan
    if plan is None:
        raise ValueError("a plan report carries its plan")
    console.print(
        f"[bold]Plan of stack {escape(plan.stack)}[/] ({escape(plan.stackFile)}): "
        f"{len(plan.resources)} resources, "
        f"region {escape(plan.region)}, account {escape(plan.accountId)}"
        + (" [dim](offline placeholder)[/]" if plan.accountIdOffline else "")
    )
    groups = _groups(plan)
    large = len(plan.resources) > SUMMARY_ABOVE_RESOURCES or len(groups) > SUMMARY_ABOVE_GROUPS
    if tree or (tree is None and not large):
        for title, resources in groups:
            console.print(_tree(title, resources))
    else:
        _print_summary(console, groups, report.findings)
    for message in plan.messages:
        console.print(f"[yellow]{escape(message)}[/]")
    for note in plan.notes:
        console.print(f"[cyan]note:[/] {escape(note)}")
    _print_findings(console, report.findings)
    if report.written:
        console.print(f"[bold]Files written[/] ({len(report.written)}):")
        for path in report.written:
            console.print(f"  {escape(path)}")
    else:
        console.print("[bold]Files written:[/] none")


def _groups(plan: PlanResult) -> list[tuple[str, list[PlannedResource]]]:
    """One group per top-level resource (an app's profile, a callback, a workflow), with all it contains."""
    parents = {resource.urn: resource.parent for resource in plan.resources}
    by_urn = {resource.urn: resource for resource in plan.resources}
    groups: dict[str, list[PlannedResource]] = {}
    for resource in plan.resources:
        root = resource.urn
        while parents.get(root):
            root = parents[root] or root
        groups.setdefault(root, []).append(resource)
    return [(_title(by_urn[root]), members) for root, members in groups.items()]


def _title(root: PlannedResource) -> str:
    app = root.inputs.get("app")
    where = root.declarationPath or root.name
    return f"app {app} ({where})" if isinstance(app, str) else where


def _tree(title: str, resources: list[PlannedResource]) -> Tree:
    tree = Tree(f"[bold cyan]{escape(title)}[/]")
    nodes: dict[str, Tree] = {}
    for resource in resources:
        parent = nodes.get(resource.parent or "", tree)
        nodes[resource.urn] = parent.add(_label(resource))
    return tree


def _print_summary(
    console: Console, groups: list[tuple[str, list[PlannedResource]]], findings: tuple[LocatedFinding, ...]
) -> None:
    """A line per group: its resources counted by type (short names, first seen first), its findings."""
    console.print(f"[dim]{len(groups)} groups, one line each (--tree shows every resource):[/]")
    group_of = {resource.urn: index for index, (_title, members) in enumerate(groups) for resource in members}
    found: dict[int, list[LocatedFinding]] = {}
    for item in findings:
        index = group_of.get(item.finding.resourceUrn or "")
        if index is not None:
            found.setdefault(index, []).append(item)
    for index, (title, members) in enumerate(groups):
        types: dict[str, int] = {}
        for resource in members:
            short = resource.type.rsplit(":", 1)[-1]
            types[short] = types.get(short, 0) + 1
        counts = ", ".join(f"{count} {name}" for name, count in types.items())
        line = f"  [bold cyan]{escape(title)}[/]: {len(members)} resources ({escape(counts)})"
        # one line per group, however wide: a reader greps and counts them
        console.print(line + _findings_note(found.get(index, [])), soft_wrap=True)


def _findings_note(findings: list[LocatedFinding]) -> str:
    failing = sum(1 for item in findings if item.finding.blocking)
    if failing:
        return f"  [red]findings {len(findings)}, {failing} blocking[/]"
    return f"  [yellow]findings {len(findings)}[/]" if findings else ""


def _label(resource: PlannedResource) -> str:
    kind = "" if resource.custom else " [dim](component)[/]"
    details = [
        f"{key}={resource.inputs[key]}" for key in _HIGHLIGHTS if isinstance(resource.inputs.get(key), str)
    ]
    suffix = f"  [dim]{escape(details[0])}[/]" if details else ""
    return f"{escape(resource.name)}  [green]{escape(resource.type)}[/]{kind}{suffix}"


def _print_findings(console: Console, findings: tuple[LocatedFinding, ...]) -> None:
    if not findings:
        console.print("[bold]Findings:[/] none")
        return
    failing = sum(1 for item in findings if item.finding.blocking)
    console.print(f"[bold]Findings[/] ({len(findings)}, {failing} blocking):")
    for item in findings:
        finding = item.finding
        if finding.blocking:
            mark, style = "x", "red"
        elif finding.suppressed:
            mark, style = "-", "dim"
        else:
            mark, style = "!", "yellow"
        where = finding.resourceName or "(stack)"
        if finding.declarationPath:
            where += f" ({finding.declarationPath})"
        verdict = f"{finding.ruleId} {finding.enforcement} {finding.severity}"
        console.print(f"  [{style}]{mark} {escape(verdict)}[/]  {escape(where)}")
        console.print(f"      {escape(finding.message)}")
        if finding.suppressed:
            console.print(f"      [dim]suppressed: {escape(finding.suppressionReason or '')}[/]")
