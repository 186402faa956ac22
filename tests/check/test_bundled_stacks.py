"""The stacks shipped in stacks/ pass their own guardrails (through the real offline plan)."""

from __future__ import annotations

from pathlib import Path

import pytest

from icekit.check import check_stack, exit_code

ROOT = Path(__file__).resolve().parents[2]
STACKS = sorted(p.name.split(".")[1] for p in (ROOT / "stacks").glob("Pulumi.*.yaml"))


def test_there_are_bundled_stacks() -> None:
    assert {"dev", "staging", "prod"} <= set(STACKS)


@pytest.mark.parametrize("stack", STACKS)
def test_bundled_stack_is_clean(stack: str) -> None:
    report = check_stack(stack, ROOT)
    active = [
        f"{i.finding.ruleId} {i.finding.declarationPath}: {i.finding.message}"
        for i in report.findings
        if not i.finding.suppressed
    ]
    assert active == []
    assert exit_code(report, "advisory") == 0


def test_rules_see_the_real_plan_shapes() -> None:
    """Break the real dev plan once per rule: each rule must notice (guards against prop-name drift)."""
    import json

    from icekit.check import check_plan
    from icekit.plan import run_plan

    document = run_plan("dev", ROOT).model_dump(mode="json")
    first: dict[str, dict] = {}  # type: ignore[type-arg]
    for resource in document["resources"]:
        first.setdefault(resource["type"], resource)
    inputs = {type_: resource["inputs"] for type_, resource in first.items()}
    policy = json.loads(inputs["alicloud:ram/policy:Policy"]["policyDocument"])
    policy["Statement"][0]["Action"] = "ice:*"
    inputs["alicloud:ram/policy:Policy"]["policyDocument"] = json.dumps(policy)
    trust = json.loads(inputs["alicloud:ram/role:Role"]["assumeRolePolicyDocument"])
    trust["Statement"][0]["Principal"] = "*"
    inputs["alicloud:ram/role:Role"]["assumeRolePolicyDocument"] = json.dumps(trust)
    inputs["alicloud:oss/bucket:Bucket"].update(acl="public-read", serverSideEncryptionRule=None)
    inputs["icekit:callback:CallbackEndpoint"].update(url="http://hooks.example.com/", authEnabled=False)
    inputs["icekit:profile:UploadProfile"].update(
        fileTypes=["image"], postProcessConfig='{"ProcessType":"Workflow","ProcessID":"x"}'
    )
    inputs["icekit:storage:StorageLocation"]["region"] = "cn-beijing"
    inputs["alicloud:message/serviceQueue:ServiceQueue"]["queueName"] = "uploads"
    report = check_plan(document)
    fired = {item.finding.ruleId for item in report.findings}
    expected = {
        "RAM101",
        "STS201",
        "OSS301",
        "OSS302",
        "CB401",
        "CB402",
        "CB404",
        "ICE502",
        "ICE503",
        "ICE504",
    }
    assert expected <= fired
    assert all(item.line for item in report.findings if item.finding.ruleId in expected)
