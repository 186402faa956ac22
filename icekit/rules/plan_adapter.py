"""`evaluate_plan`: the rules over an offline plan (icekit.plan.PlanResult, docs/contracts.md)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from icekit.rules.declared import declared_access
from icekit.rules.engine import evaluate
from icekit.rules.finding import Finding
from icekit.rules.stackconfig import (
    StackGuardrails,
    environment_from_stack_name,
    guardrails_from_config,
    load_stack_config,
)
from icekit.rules.view import ResourceView, views_from_plan_resources

__all__ = ["evaluate_plan", "plan_document", "plan_guardrails", "plan_views"]


def plan_document(plan: Any) -> Mapping[str, Any]:
    """The plan as its JSON document (a PlanResult model or an already-dumped mapping)."""
    if isinstance(plan, Mapping):
        return plan
    dump = getattr(plan, "model_dump", None)
    if dump is None:
        raise TypeError(f"expected a PlanResult or its JSON document, got {type(plan).__name__}")
    document: Mapping[str, Any] = dump(mode="json", by_alias=True)
    return document


def plan_views(plan: Any) -> list[ResourceView]:
    return views_from_plan_resources(list(plan_document(plan).get("resources") or []))


def _stack_file(
    document: Mapping[str, Any], project_dir: Path
) -> tuple[StackGuardrails, tuple[Path, dict[str, Any]] | None]:
    """The guardrails, and the stack file with its config (read once) when the plan names one."""
    stack = str(document.get("stack") or "")
    stack_file = document.get("stackFile")
    if not stack_file:
        environment, source = environment_from_stack_name(stack)
        return StackGuardrails(environment, source), None
    path = project_dir / str(stack_file)
    config = load_stack_config(path)
    return guardrails_from_config(config, stack, str(path)), (path, config)


def plan_guardrails(plan: Any, project_dir: Path = Path(".")) -> StackGuardrails:
    return _stack_file(plan_document(plan), project_dir)[0]


def evaluate_plan(plan: Any, project_dir: Path = Path(".")) -> list[Finding]:
    """Findings for a PlanResult. Settings and suppressions come from the plan's stack file; the environment
    from the plan (`environment`), else the stack file, else the stack's name; what each app asks for
    (RAM107) from the plan's client configurations and the stack file's declaration."""
    document = plan_document(plan)
    guardrails, stack_file = _stack_file(document, project_dir)
    # the offline placeholder account (accountIdOffline) says nothing about which principals are foreign
    account = None if document.get("accountIdOffline") else document.get("accountId")
    environment = document.get("environment") or guardrails.environment
    return evaluate(
        plan_views(document),
        stack=str(document.get("stack") or ""),
        region=str(document.get("region") or ""),
        environment=str(environment),
        settings=guardrails.settings,
        suppressions=guardrails.suppressions,
        account_id=str(account) if account else None,
        declared_access=declared_access(document, *stack_file) if stack_file else None,
    )
