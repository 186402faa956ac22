"""`icekit plan --format text`: resources per application as a rich tree, then findings, then files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from icekit.plan.model import PlannedResource, PlanResult
from icekit.rules import Finding

__all__ = ["print_text"]

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


def print_text(
    console: Console, plan: PlanResult, findings: Sequence[Finding], files: Sequence[Path]
) -> None:
    console.print(
        f"[bold]Plan of stack {escape(plan.stack)}[/] ({escape(plan.stackFile)}): "
        f"{len(plan.resources)} resources, "
        f"region {escape(plan.region)}, account {escape(plan.accountId)}"
        + (" [dim](offline placeholder)[/]" if plan.accountIdOffline else "")
    )
    for title, resources in _groups(plan):
        console.print(_tree(title, resources))
    for message in plan.messages:
        console.print(f"[yellow]{escape(message)}[/]")
    _print_findings(console, findings)
    if files:
        console.print(f"[bold]Files written[/] ({len(files)}):")
        for path in files:
            console.print(f"  {escape(path.as_posix())}")
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


def _label(resource: PlannedResource) -> str:
    kind = "" if resource.custom else " [dim](component)[/]"
    details = [
        f"{key}={resource.inputs[key]}" for key in _HIGHLIGHTS if isinstance(resource.inputs.get(key), str)
    ]
    suffix = f"  [dim]{escape(details[0])}[/]" if details else ""
    return f"{escape(resource.name)}  [green]{escape(resource.type)}[/]{kind}{suffix}"


def _print_findings(console: Console, findings: Sequence[Finding]) -> None:
    if not findings:
        console.print("[bold]Findings:[/] none")
        return
    failing = sum(1 for finding in findings if finding.blocking)
    console.print(f"[bold]Findings[/] ({len(findings)}, {failing} blocking):")
    for finding in findings:
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
