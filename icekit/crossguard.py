"""The CrossGuard adapter: icekit's rules as pulumi-policy policies, one per rule, built here (in the
installed package, so tests can inspect the list) for the pack in policies/.

policies/__main__.py only does `PolicyPack(name=..., policies=build_policies())` (the PolicyPack constructor
starts a gRPC server, so nothing imports that module in tests). icekit.rules knows nothing of CrossGuard.

What a policy knows about the stack, per call:
- stack name: `PULUMI_STACK` (set by the Pulumi CLI for the analyzer; pulumi_policy configures the runtime);
- region, environment, account id, `icekit:guardrails`, `icekit:suppressions`: the stack's config, which the
  CLI hands the analyzer, read as a source of the one declaration build (icekit.stack.runtime,
  icekit.stack.build_guardrails): the same checks and messages as a stack file's;
- per-policy config (pulumi-policy's schema; `pulumi preview --policy-pack policies --policy-pack-config
  FILE`): `environment`, `region`, `accountId` override the stack config, RAM106 takes
  `requiredConditions`, and RAM108 `declaredAccess` (what each app's client configuration lists and its
  declared conditions: a pack sees no stack outputs, so without it RAM108 reports nothing). Enforcement
  levels come from pulumi-policy's own config (`enforcementLevel`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ResourceValidationPolicy,
    Severity,
    StackValidationPolicy,
)

from icekit.facts.environments import ENVIRONMENT_PATTERN
from icekit.rules.base import ResourceRule, StackRule
from icekit.rules.context import RuleContext
from icekit.rules.declared import DECLARED_ACCESS_SCHEMA, declared_access_from_config
from icekit.rules.engine import run_rule
from icekit.rules.finding import Finding
from icekit.rules.registry import RULES, AnyRule
from icekit.rules.view import ResourceView, view_from_validation_args, views_from_policy_resources
from icekit.stack import GuardrailSettings, Suppression, build_guardrails
from icekit.stack.runtime import runtime_source

__all__ = [
    "PACK_NAME",
    "STACK_CONFIG",
    "SUPPRESSED_POLICY_NAME",
    "build_policies",
    "config_schema",
    "policy_context",
]

PACK_NAME = "icekit-guardrails"
SUPPRESSED_POLICY_NAME = "icekit-suppressed-findings"
# What messages name as the file: the analyzer gets the stack's config from the CLI, not a path.
STACK_CONFIG = "stack config"

ReportViolation = Callable[..., None]


def config_schema(rule: AnyRule) -> PolicyConfigSchema:
    """pulumi-policy config schema: shared context overrides, plus RAM106's required conditions."""
    properties: dict[str, dict[str, Any]] = {
        "environment": {"type": "string", "pattern": ENVIRONMENT_PATTERN},
        "region": {"type": "string"},
        "accountId": {"type": "string"},
    }
    if rule.id == "RAM106":
        properties["requiredConditions"] = {"type": "array", "items": {"type": "string"}}
    if rule.id == "RAM108":
        properties["declaredAccess"] = DECLARED_ACCESS_SCHEMA
    return PolicyConfigSchema(properties=properties)


def policy_context(policy_config: Mapping[str, Any]) -> tuple[RuleContext, tuple[Suppression, ...]]:
    """The rule context of one policy call: stack config first, the policy's own config over it."""
    stack = os.environ.get("PULUMI_STACK", "")
    declared = build_guardrails(runtime_source(stack, file=STACK_CONFIG))
    settings = declared.guardrails
    extra = policy_config.get("requiredConditions")
    if isinstance(extra, list):
        settings = GuardrailSettings.model_validate(
            {
                **settings.model_dump(by_alias=True),
                "requiredConditions": [*settings.required_conditions, *extra],
            }
        )
    account = policy_config.get("accountId") or declared.account_id
    ctx = RuleContext(
        stack=stack,
        region=str(policy_config.get("region") or declared.region or ""),
        environment=str(policy_config.get("environment") or declared.effective_environment),
        account_id=str(account) if account else None,
        settings=settings,
        declared_access=declared_access_from_config(policy_config.get("declaredAccess")),
    )
    return ctx, tuple(declared.suppressions)


def _findings(rule: AnyRule, views: Sequence[ResourceView], args: Any) -> list[Finding] | None:
    ctx, suppressions = policy_context(args.get_config())
    if ctx.settings.enforcement_for(rule.id, rule.enforcement) == "disabled":
        return None
    return run_rule(rule, views, ctx, suppressions)


def _resource_validator(rule: type[ResourceRule]) -> Callable[[Any, ReportViolation], None]:
    def validate(args: Any, report_violation: ReportViolation) -> None:
        if not rule.applies_to(args.resource_type):
            return
        findings = _findings(rule, [view_from_validation_args(args)], args)
        for finding in findings or []:
            if not finding.suppressed:  # suppressed ones go to the advisory SUPPRESSED_POLICY_NAME
                report_violation(f"{finding.ruleId}: {finding.message}")

    return validate


def _stack_validator(rule: type[StackRule]) -> Callable[[Any, ReportViolation], None]:
    def validate(args: Any, report_violation: ReportViolation) -> None:
        findings = _findings(rule, views_from_policy_resources(args.resources), args)
        for finding in findings or []:
            if not finding.suppressed:
                report_violation(f"{finding.ruleId}: {finding.message}", finding.resourceUrn)

    return validate


def _report_suppressed(args: Any, report_violation: ReportViolation) -> None:
    """Suppressed findings are still shown: every rule again, reporting only what the stack suppressed."""
    views = views_from_policy_resources(args.resources)
    ctx, suppressions = policy_context(args.get_config())
    for rule in RULES:
        for finding in run_rule(rule, views, ctx, suppressions):
            if finding.suppressed:
                report_violation(
                    f"{finding.ruleId} (suppressed: {finding.suppressionReason}): {finding.message}",
                    finding.resourceUrn,
                )


def _common(rule: AnyRule) -> dict[str, Any]:
    return {
        "name": rule.policy_name(),
        "description": f"{rule.id}: {rule.title}",
        "enforcement_level": EnforcementLevel(rule.enforcement),
        "config_schema": config_schema(rule),
        "display_name": f"{rule.id} {rule.title}",
        "severity": Severity(rule.severity),
        "tags": [rule.id.rstrip("0123456789").lower(), "icekit"],
        "remediation_steps": rule.fix,
    }


def build_policies() -> list[Any]:
    """One ResourceValidationPolicy per resource rule, one StackValidationPolicy per stack rule, in id order,
    then the advisory policy that shows suppressed findings."""
    policies: list[Any] = []
    for rule in RULES:
        if issubclass(rule, ResourceRule):
            policies.append(ResourceValidationPolicy(validate=_resource_validator(rule), **_common(rule)))
        else:
            assert issubclass(rule, StackRule)
            policies.append(StackValidationPolicy(validate=_stack_validator(rule), **_common(rule)))
    policies.append(
        StackValidationPolicy(
            name=SUPPRESSED_POLICY_NAME,
            description="Findings the stack suppresses (icekit:suppressions), shown with their reasons.",
            validate=_report_suppressed,
            enforcement_level=EnforcementLevel.ADVISORY,
            severity=Severity.LOW,
            tags=["icekit"],
        )
    )
    return policies
