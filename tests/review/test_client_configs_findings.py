from __future__ import annotations

import json

from icekit.review.client_configs import diff_client_configs
from icekit.review.fields import diff_fields
from icekit.review.findings import diff_findings
from icekit.secrets import MASK
from tests.review.synthetic import CREATE, baseline, client_config, finding, plan, plan_result


def test_client_config_changes_field_by_field() -> None:
    base = plan(configs={"mobile-video": client_config()})
    head = plan(
        configs={
            "mobile-video": client_config(
                callback={
                    "kind": "http",
                    "url": "https://hooks.example.com/v2",
                    "authEnabled": True,
                    "queueName": None,
                },
                credentialValiditySeconds=900,
            )
        }
    )
    [change] = diff_client_configs(plan_result(base), plan_result(head))
    assert change.app == "mobile-video" and change.change == "changed"
    assert [(f.path, f.base, f.head) for f in change.fields] == [
        ("callback.url", '"https://hooks.example.com/ice"', '"https://hooks.example.com/v2"'),
        ("credentialValiditySeconds", "3000", "900"),
    ]


def test_request_wire_strings_are_opened_so_each_field_diffs() -> None:
    config = client_config()
    changed = client_config(
        request={
            **config["request"],
            "UserData": json.dumps({"MessageCallback": {"CallbackURL": "https://x.example/cb"}}),
        }
    )
    [change] = diff_client_configs(
        plan_result(plan(configs={"a": config})), plan_result(plan(configs={"a": changed}))
    )
    assert [f.path for f in change.fields] == ["request.UserData.MessageCallback.CallbackURL"]


def test_apps_added_and_removed() -> None:
    base = plan(configs={"old-app": client_config("old-app")})
    head = plan(configs={"new-app": client_config("new-app")})
    changes = diff_client_configs(plan_result(base), plan_result(head))
    assert [(c.app, c.change) for c in changes] == [("new-app", "added"), ("old-app", "removed")]
    added = changes[0]
    assert ("allowedActions", None, json.dumps([CREATE, "ice:GetMediaInfo"])) in [
        (f.path, f.base, f.head) for f in added.fields
    ]
    assert "fileRules[video].maxSizeBytes" in [f.path for f in added.fields]


def test_unchanged_configs_give_no_changes() -> None:
    assert diff_client_configs(plan_result(baseline()), plan_result(baseline())) == []


def test_secrets_are_masked_but_their_change_is_visible() -> None:
    changes = diff_fields(
        {"callback": {"authKey": "k1", "url": "u"}}, {"callback": {"authKey": "k2", "url": "u"}}
    )
    assert [(c.path, c.base, c.head) for c in changes] == [("callback.authKey", MASK, MASK)]
    assert "k1" not in repr(changes) and "k2" not in repr(changes)
    assert diff_fields({"accessKeySecret": "a"}, {"accessKeySecret": "a"}) == ()
    assert diff_fields({"x": "[secret]"}, {"x": "plain"})[0].base == MASK
    # "credentialValiditySeconds" is not a secret
    assert diff_fields({"credentialValiditySeconds": 1}, {"credentialValiditySeconds": 2})[0].head == "2"


def test_findings_new_fixed_unchanged() -> None:
    kept = finding("RAM101")
    fixed = finding("RAM102")
    new = finding("OSS301", name="import-bucket", enforcement="mandatory")
    diff = diff_findings([kept, fixed], [new, kept])
    assert [f.ruleId for f in diff.new] == ["OSS301"]
    assert [f.ruleId for f in diff.fixed] == ["RAM102"]
    assert [f.ruleId for f in diff.unchanged] == ["RAM101"]


def test_reworded_or_moved_finding_is_unchanged_not_fixed_and_new() -> None:
    base = finding("RAM101", message="old wording", declarationPath="icekit:apps[0]")
    head = finding("RAM101", message="new wording", declarationPath="icekit:apps[1]")
    diff = diff_findings([base], [head])
    assert not diff.new and not diff.fixed and len(diff.unchanged) == 1


def test_suppression_changes() -> None:
    active = finding("RAM101")
    suppressed = finding("RAM101", suppressed=True, suppressionReason="accepted for the pilot")
    diff = diff_findings([active], [suppressed])
    assert not diff.new and not diff.fixed and len(diff.newly_suppressed) == 1
    diff = diff_findings([suppressed], [active])
    assert len(diff.new) == 1
    diff = diff_findings([], [suppressed])
    assert not diff.new and not diff.newly_suppressed


def test_same_rule_on_two_resources_pairs_by_resource() -> None:
    a, b = finding("RAM101", name="a"), finding("RAM101", name="b")
    diff = diff_findings([a], [b])
    assert [f.resourceName for f in diff.new] == ["b"]
    assert [f.resourceName for f in diff.fixed] == ["a"]
