"""RAM108 says what a role allows beyond its app's declaration and what it refuses that the client
configuration lists; on a real plan, from the plan's client configurations and the stack file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from icekit.check import check_plan
from icekit.plan import PlanResult, run_plan
from icekit.rules import rule_by_id
from icekit.rules.engine import run_rule
from tests.rules.builders import SECURE, declared, statement
from tests.rules.cases import OSS_OBJECTS, OWN_BUCKET, UPLOAD, role_with

ROOT = Path(__file__).resolve().parents[2]


def _messages(*statements: dict[str, Any], **intent: Any) -> list[str]:
    findings = run_rule(rule_by_id("RAM108"), role_with(*statements), declared(**intent))
    return [f.message for f in findings]


def test_each_way_of_granting_too_much_or_too_little_is_named() -> None:
    assert _messages(statement(UPLOAD)) == []
    assert _messages(statement([*UPLOAD, "ice:DeleteMediaInfos"])) == [
        "role r allows ice:DeleteMediaInfos on * from 10.0.0.0/8, only over HTTPS: "
        "not in app's allowedActions"
    ]
    assert _messages(statement(UPLOAD[:1])) == [
        "role r refuses ice:GetMediaInfo on acs:ice:cn-shanghai:1234567890123456:* from 10.0.0.0/8, "
        "only over HTTPS, which app's allowedActions lists"
    ]
    wider = {**SECURE, "IpAddress": {"acs:SourceIp": ["10.0.0.0/7"]}}
    assert _messages(statement(UPLOAD, condition=wider)) == [
        "role r allows ice:CreateUploadMedia, ice:GetMediaInfo on * from 10.0.0.0/7 except 10.0.0.0/8, "
        "only over HTTPS: beyond what app declares"
    ]
    assert _messages(statement(UPLOAD, condition={"IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}})) == [
        "role r allows ice:CreateUploadMedia, ice:GetMediaInfo on * from 10.0.0.0/8, only over plain HTTP: "
        "beyond what app declares"
    ]


def test_an_own_bucket_role_is_held_to_its_prefix() -> None:
    intent = {"actions": OWN_BUCKET, "objects": OSS_OBJECTS}
    register = statement(["ice:RegisterMediaInfo"])
    assert _messages(register, statement(["oss:PutObject"], OSS_OBJECTS), **intent) == []
    [whole] = _messages(register, statement(["oss:PutObject"], "acs:oss:*:*:acme-dev-ice-import/*"), **intent)
    assert whole == (
        f"role r allows oss:PutObject on acs:oss:*:*:acme-dev-ice-import/* except {OSS_OBJECTS} "
        "from 10.0.0.0/8, only over HTTPS: beyond what app declares"
    )
    assert _messages(register, statement(["oss:PutObject"], "acs:oss:*:*:elsewhere/*"), **intent) == [
        "role r allows oss:PutObject on acs:oss:*:*:elsewhere/* from 10.0.0.0/8, only over HTTPS: "
        "beyond what app declares",
        f"role r refuses oss:PutObject on {OSS_OBJECTS} from 10.0.0.0/8, only over HTTPS, "
        "which app's allowedActions lists",
    ]


def test_on_a_real_plan_from_its_client_configurations_and_declaration() -> None:
    plan = run_plan("prod", ROOT)
    assert not [i for i in check_plan(plan).findings if i.finding.ruleId == "RAM108"]
    document = plan.model_dump(mode="json")
    for resource in document["resources"]:
        if resource["name"] == "icekit-prod-mobile-video-upload" and "policyDocument" in resource["inputs"]:
            policy = json.loads(resource["inputs"]["policyDocument"])
            policy["Statement"][0]["Condition"]["IpAddress"]["acs:SourceIp"].append("2001:db8::/32")
            resource["inputs"]["policyDocument"] = json.dumps(policy)
    # the edited plan keeps the declaration the plan carries in process (a JSON dump leaves it out)
    edited = PlanResult.model_validate(document).model_copy(update={"declaration": plan.declaration})
    [found] = [i for i in check_plan(edited).findings if i.finding.ruleId == "RAM108"]
    assert found.finding.message == (
        "role icekit-prod-mobile-video allows ice:CreateUploadMedia, ice:GetMediaInfo, "
        "ice:RefreshUploadMedia on * from 2001:db8::/32, only over HTTPS: beyond what mobile-video declares"
    )
    assert (found.finding.declarationPath, found.finding.resourceType) == (
        "icekit:apps[0]",
        "alicloud:ram/role:Role",
    )
    assert found.line is not None
