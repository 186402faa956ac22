"""evaluate(): enforcement overrides by id or prefix, suppressions by resource label, stable order."""

from __future__ import annotations

import json
import random

import pytest

from icekit.models import SUPPORTED_REGIONS as MODEL_REGIONS
from icekit.rules import evaluate
from icekit.rules.ice.ice501_supported_region import SUPPORTED_REGIONS
from icekit.rules.view import views_from_plan_resources
from icekit.stack import GuardrailSettings, Suppression
from tests.rules.builders import bucket, callback, event_callback, policy, statement


def run(resources: list, **kwargs: object) -> list:  # type: ignore[type-arg]
    params: dict[str, object] = {"stack": "dev", "region": "cn-shanghai", "environment": "dev"}
    params.update(kwargs)
    return evaluate(resources, **params)  # type: ignore[arg-type]


def test_regions_agree_with_models() -> None:
    assert tuple(sorted(SUPPORTED_REGIONS)) == tuple(sorted(MODEL_REGIONS))


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "mandatory"),
        ({"RAM": "advisory"}, "advisory"),
        ({"RAM": "advisory", "RAM101": "mandatory"}, "mandatory"),  # the longest key wins
        ({"ram1": "advisory"}, "advisory"),  # case-insensitive
        ({"RAM101": "disabled"}, None),
    ],
)
def test_enforcement_overrides(overrides: dict[str, str], expected: str | None) -> None:
    settings = GuardrailSettings.model_validate({"enforcement": overrides})
    findings = [f for f in run([policy(statement("ice:*"))], settings=settings) if f.ruleId == "RAM101"]
    assert [f.enforcement for f in findings] == ([expected] if expected else [])


def test_suppression_by_prefix_and_label() -> None:
    suppressions = [
        Suppression(rule="OSS3", resource="import-bucket", reason="replaced next sprint, ticket 42")
    ]
    findings = run([bucket(acl="public-read")], suppressions=suppressions)
    assert findings and all(f.suppressed for f in findings)
    assert {f.suppressionReason for f in findings} == {"replaced next sprint, ticket 42"}
    other = [Suppression(rule="OSS3", resource="another-bucket", reason="replaced next sprint, ticket 42")]
    assert not any(f.suppressed for f in run([bucket(acl="public-read")], suppressions=other))


def test_suppression_reaches_children_through_plan_ancestry() -> None:
    document = json.dumps(
        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ice:*", "Resource": "*"}]}
    )
    resources = [
        {
            "urn": "u:access",
            "type": "icekit:access:UploadAccess",
            "name": "mobile-video-access",
            "parent": None,
            "inputs": {"app": "mobile-video"},
            "declarationPath": "icekit:apps[0]",
        },
        {
            "urn": "u:policy",
            "type": "alicloud:ram/policy:Policy",
            "name": "mobile-video-upload",
            "parent": "u:access",
            "inputs": {"policyDocument": document},
            "declarationPath": "icekit:apps[0]",
        },
    ]
    views = views_from_plan_resources(resources)
    suppressions = [
        Suppression(rule="RAM101", resource="mobile-video", reason="migration window until Friday")
    ]
    findings = [f for f in run(views, suppressions=suppressions) if f.ruleId == "RAM101"]
    assert len(findings) == 1 and findings[0].suppressed


def test_stack_wide_suppression_uses_stack_name() -> None:
    suppressions = [Suppression(rule="ICE501", resource="dev", reason="region pilot approved by security")]
    findings = run([], region="cn-hangzhou", suppressions=suppressions)
    assert [(f.ruleId, f.suppressed) for f in findings] == [("ICE501", True)]


def test_order_is_stable() -> None:
    resources = [
        bucket(acl="public-read", serverSideEncryptionRule=None),
        callback(authEnabled=False),
        policy(statement("ice:*", condition={})),
    ]
    expected = run(resources)
    for seed in range(5):
        shuffled = resources[:]
        random.Random(seed).shuffle(shuffled)
        assert run(shuffled) == expected


def test_event_callback_findings_read_differently_from_the_endpoint_they_copy() -> None:
    # Both share the URL and the declaration path; the message is what tells the two rows apart.
    url = "http://10.0.0.1/ice"
    resources = [
        callback(url=url, authEnabled=False),
        event_callback(callbackUrl=url, authSwitch="off"),
    ]
    findings = [f for f in run(resources, environment="prod") if f.ruleId in ("CB401", "CB402", "CB403")]
    by_rule: dict[str, set[str]] = {}
    for finding in findings:
        by_rule.setdefault(finding.ruleId, set()).add(finding.message)
    assert by_rule == {
        "CB401": {
            f"callback '{url}' uses plain HTTP in prod",
            f"ICE event callback '{url}' uses plain HTTP in prod",
        },
        "CB402": {
            f"callback '{url}' is not authenticated (auth key off)",
            f"ICE event callback '{url}' is not authenticated (auth key off)",
        },
        "CB403": {
            f"callback '{url}' uses IP literal 10.0.0.1",
            f"ICE event callback '{url}' uses IP literal 10.0.0.1",
        },
    }
