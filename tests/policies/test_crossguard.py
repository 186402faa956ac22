"""The CrossGuard front end: every rule is a policy, and policies call the rules with the SDK's arguments.

Nothing here imports policies/__main__.py (its PolicyPack constructor starts a gRPC server).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from pulumi.runtime import config as pulumi_config
from pulumi_policy import (
    EnforcementLevel,
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.deserialize import deserialize_properties
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, UnknownValueError, unknown_checking_proxy

from icekit.crossguard import SUPPRESSED_POLICY_NAME, build_policies
from icekit.rules import RULES, ResourceRule, StackRule, rule_by_id
from icekit.rules.view import ResourceView
from tests.rules.builders import policy, statement
from tests.rules.cases import CASES, Case

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _isolated_config(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No stack config but what a test sets through PULUMI_CONFIG (as the CLI hands it to the analyzer)."""
    token = pulumi_config.CONFIG.set({})
    monkeypatch.setenv("PULUMI_CONFIG", "{}")
    monkeypatch.setenv("PULUMI_STACK", "dev")
    yield
    pulumi_config.CONFIG.reset(token)


def _policies() -> dict[str, Any]:
    return {p.name: p for p in build_policies()}


def _opts(parent: str | None = None) -> PolicyResourceOptions:
    return PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [], parent)


def _props(view: ResourceView) -> Any:
    # what _PolicyAnalyzerServicer.Analyze does with the request's properties
    return unknown_checking_proxy(deserialize_properties(json.loads(json.dumps(dict(view.props)))))


def resource_args(view: ResourceView, config: Mapping[str, Any] | None = None) -> ResourceValidationArgs:
    return ResourceValidationArgs(
        view.type, _props(view), view.urn, view.name, _opts(), None, dict(config or {}), {}
    )


def stack_args(
    views: tuple[ResourceView, ...], config: Mapping[str, Any] | None = None
) -> StackValidationArgs:
    resources = [PolicyResource(v.type, _props(v), v.urn, v.name, _opts(), None, None, [], {}) for v in views]
    return StackValidationArgs(resources, dict(config or {}), {})


def _config(case: Case) -> dict[str, Any]:
    ctx = case.context
    config: dict[str, Any] = {
        "environment": ctx.environment,
        "region": ctx.region,
        "accountId": ctx.account_id,
    }
    if ctx.settings.required_conditions:
        config["requiredConditions"] = list(ctx.settings.required_conditions)
    for intent in ctx.declared_access or ():  # RAM108's, as the pack's policy config carries it
        config.setdefault("declaredAccess", []).append(
            {
                "app": intent.app,
                "role": intent.role,
                "allowedActions": list(intent.actions),
                "objects": intent.objects,
                "sourceIp": list(intent.source_ip),
                "secureTransport": intent.secure_transport,
            }
        )
    return config


def run_policy(
    policy_obj: Any, case_resources: tuple[ResourceView, ...], config: Mapping[str, Any]
) -> list[str]:
    reported: list[str] = []

    def report(message: str, urn: str | None = None) -> None:
        reported.append(message)

    if isinstance(policy_obj, StackValidationPolicy):
        policy_obj.validate(stack_args(case_resources, config), report)
    else:
        for view in case_resources:
            policy_obj.validate(resource_args(view, config), report)
    return reported


def test_every_rule_is_a_policy_and_every_policy_a_rule() -> None:
    policies = _policies()
    rule_names = {rule.policy_name() for rule in RULES}
    assert set(policies) - {SUPPRESSED_POLICY_NAME} == rule_names
    for rule in RULES:
        policy_obj = policies[rule.policy_name()]
        expected = ResourceValidationPolicy if issubclass(rule, ResourceRule) else StackValidationPolicy
        assert issubclass(rule, ResourceRule | StackRule)
        assert type(policy_obj) is expected
        assert policy_obj.enforcement_level == EnforcementLevel(rule.enforcement)
        assert policy_obj.severity.value == rule.severity
        assert policy_obj.remediation_steps == rule.fix


def test_every_rule_is_in_the_check_front_end() -> None:
    from icekit.report.model import Report, TargetReport
    from icekit.report.sarif import sarif_document

    target = TargetReport(kind="stack", target="dev", environment="dev", region=None, files=(), findings=())
    empty = Report("check", (target,))
    driver_rules = sarif_document(empty)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in driver_rules] == [rule.id for rule in RULES]


def test_pack_entry_point_uses_build_policies() -> None:
    tree = ast.parse((ROOT / "policies" / "__main__.py").read_text())
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "PolicyPack"
    ]
    assert len(calls) == 1
    policies_kw = {kw.arg: kw.value for kw in calls[0].keywords}["policies"]
    assert isinstance(policies_kw, ast.Call) and getattr(policies_kw.func, "id", "") == "build_policies"
    yaml_text = (ROOT / "policies" / "PulumiPolicy.yaml").read_text()
    assert "name: python" in yaml_text and "virtualenv: ../.venv" in yaml_text


def test_config_schema_follows_pulumi_policy() -> None:
    policies = _policies()
    ram106 = policies[rule_by_id("RAM106").policy_name()]
    assert ram106.config_schema.properties["requiredConditions"]["type"] == "array"
    for policy_obj in policies.values():
        schema = policy_obj.config_schema
        assert schema is None or "enforcementLevel" not in schema.properties


PACK_CASES = [c for c in CASES if c.context.settings.environment_defaults]


@pytest.mark.parametrize("case", PACK_CASES, ids=[f"{c.rule_id}-{c.name}" for c in PACK_CASES])
def test_pack_reports_what_the_rule_finds(case: Case) -> None:
    policy_obj = _policies()[rule_by_id(case.rule_id).policy_name()]
    reported = run_policy(policy_obj, case.resources, _config(case))
    assert bool(reported) is case.fails, reported
    assert all(message.startswith(case.rule_id) for message in reported)


def test_stack_config_drives_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    policy_obj = _policies()[rule_by_id("RAM106").policy_name()]
    view = policy(statement(condition={"Bool": {"acs:SecureTransport": "true"}}))
    assert run_policy(policy_obj, (view,), {}) == []
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"icekit:environment": "prod"}))
    assert run_policy(policy_obj, (view,), {}) != []


def test_suppressed_findings_are_shown_not_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    suppressions = [{"rule": "RAM1", "resource": "res", "reason": "legacy policy, removed in Q3"}]
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"icekit:suppressions": json.dumps(suppressions)}))
    view = policy(statement("ice:*"))
    policies = _policies()
    assert run_policy(policies[rule_by_id("RAM101").policy_name()], (view,), {}) == []
    shown = run_policy(policies[SUPPRESSED_POLICY_NAME], (view,), {})
    assert any("RAM101 (suppressed: legacy policy, removed in Q3)" in message for message in shown)


def test_disabled_by_stack_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    guardrails = {"enforcement": {"RAM101": "disabled"}}
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"icekit:guardrails": json.dumps(guardrails)}))
    view = policy(statement("ice:*"))
    assert run_policy(_policies()[rule_by_id("RAM101").policy_name()], (view,), {}) == []


def test_unknown_values_reach_the_sdk() -> None:
    """During preview an unknown document raises UnknownValueError, which the SDK turns into an advisory."""
    view = ResourceView(
        urn="urn:pulumi:dev::icekit::alicloud:ram/policy:Policy::p",
        type="alicloud:ram/policy:Policy",
        name="p",
        props={"policyDocument": UNKNOWN_STRING_VALUE},
    )
    with pytest.raises(UnknownValueError):
        run_policy(_policies()[rule_by_id("RAM101").policy_name()], (view,), {})
