"""The pack's policies behind pulumi-policy's own analyzer servicer, fed protobuf requests like the engine's.

The servicer is what PolicyPack serves over gRPC; building it directly runs Analyze/AnalyzeStack/Configure
without starting a server (PolicyPack's constructor would). It is private API of pulumi-policy 1.21.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from google.protobuf import struct_pb2
from pulumi.runtime import config as pulumi_config
from pulumi.runtime import proto
from pulumi_policy import EnforcementLevel
from pulumi_policy.policy import _PolicyAnalyzerServicer

from icekit.crossguard import PACK_NAME, build_policies
from icekit.rules import rule_by_id
from icekit.rules.view import ResourceView
from tests.rules.builders import callback, policy, statement


@pytest.fixture(autouse=True)
def _isolated_config(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    token = pulumi_config.CONFIG.set({})
    monkeypatch.setenv(
        "PULUMI_CONFIG", json.dumps({"alicloud:region": "cn-shanghai", "icekit:environment": "dev"})
    )
    monkeypatch.setenv("PULUMI_STACK", "dev")
    for key in ("PULUMI_PROJECT", "PULUMI_DRY_RUN"):
        monkeypatch.delenv(key, raising=False)
    yield
    pulumi_config.CONFIG.reset(token)


def servicer() -> Any:
    return _PolicyAnalyzerServicer(PACK_NAME, "0.0.1", build_policies(), EnforcementLevel.ADVISORY)


def _struct(view: ResourceView) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(dict(view.props))
    return struct


def analyze(view: ResourceView, service: Any | None = None) -> list[Any]:
    request = proto.AnalyzeRequest(type=view.type, properties=_struct(view), urn=view.urn, name=view.name)
    return list((service or servicer()).Analyze(request, None).diagnostics)


def test_resource_policy_reports_mandatory_violation() -> None:
    diagnostics = analyze(policy(statement("ice:*")))
    names = {d.policyName for d in diagnostics}
    assert rule_by_id("RAM101").policy_name() in names
    ram101 = next(d for d in diagnostics if d.policyName == rule_by_id("RAM101").policy_name())
    assert ram101.enforcementLevel == proto.MANDATORY
    assert "RAM101: Statement[0] allows wildcard action 'ice:*'" in ram101.message


def test_clean_resource_has_no_diagnostics() -> None:
    assert analyze(policy(statement())) == []


def test_enforcement_level_from_pulumi_config() -> None:
    service = servicer()
    name = rule_by_id("RAM101").policy_name()
    service.Configure(
        proto.ConfigureAnalyzerRequest(
            policyConfig={name: proto.PolicyConfig(enforcementLevel=proto.ADVISORY)}
        ),
        None,
    )
    ram101 = [d for d in analyze(policy(statement("ice:*")), service) if d.policyName == name]
    assert [d.enforcementLevel for d in ram101] == [proto.ADVISORY]


def test_policy_config_properties_reach_the_rule() -> None:
    service = servicer()
    name = rule_by_id("RAM106").policy_name()
    properties = struct_pb2.Struct()
    properties.update({"requiredConditions": ["acs:MFAPresent"]})
    service.Configure(
        proto.ConfigureAnalyzerRequest(policyConfig={name: proto.PolicyConfig(properties=properties)}), None
    )
    ram106 = [d for d in analyze(policy(statement()), service) if d.policyName == name]
    assert len(ram106) == 1 and "acs:MFAPresent" in ram106[0].message


def test_stack_policy_reports_with_resource_urn() -> None:
    view = callback(url="http://hooks.example.com/ice")
    resource = proto.AnalyzerResource(type=view.type, properties=_struct(view), urn=view.urn, name=view.name)
    response = servicer().AnalyzeStack(proto.AnalyzeStackRequest(resources=[resource]), None)
    cb401 = [d for d in response.diagnostics if d.policyName == rule_by_id("CB401").policy_name()]
    assert len(cb401) == 1 and cb401[0].urn == view.urn


def test_analyzer_info_lists_every_rule() -> None:
    info = servicer().GetAnalyzerInfo(None, None)
    listed = {p.name: p for p in info.policies}
    ram106 = listed[rule_by_id("RAM106").policy_name()]
    assert "requiredConditions" in ram106.configSchema.properties
    assert ram106.enforcementLevel == proto.MANDATORY
