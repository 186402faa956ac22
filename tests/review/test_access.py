"""Every way of broadening access the issue names, plus narrowing and neutral changes, on synthetic plans."""

from __future__ import annotations

import json
from typing import Any

import pytest

from icekit.ram.compare import normalized_statements as parse_document
from icekit.review.access import diff_resources, diff_statements
from icekit.review.verdict import review_stack
from tests.review.synthetic import (
    ACCOUNT,
    BACKEND,
    CREATE,
    GET_INFO,
    ICE_RESOURCE,
    OFFICE,
    SECURE,
    allow,
    attachment,
    baseline,
    bucket,
    callback,
    deny,
    event_callback,
    plan,
    planned,
    policy,
    role,
    trust,
    with_resources,
)


def _without(base: dict[str, Any], name: str) -> dict[str, Any]:
    return {**base, "resources": [r for r in base["resources"] if r["name"] != name]}


def _verdict(base: dict[str, Any], head: dict[str, Any]) -> str:
    return review_stack("dev", planned(base), planned(head)).verdict


def _reasons(base: dict[str, Any], head: dict[str, Any]) -> list[str]:
    return list(review_stack("dev", planned(base), planned(head)).broadening_reasons)


BASE = baseline()


def _policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return policy(*statements)


BROADENING = {
    "allow statement added": _policy(
        allow([CREATE, GET_INFO], ICE_RESOURCE, OFFICE), allow("ice:RefreshUploadMedia", ICE_RESOURCE, OFFICE)
    ),
    "action added": _policy(allow([CREATE, GET_INFO, "ice:DeleteMediaInfos"], ICE_RESOURCE, OFFICE)),
    "action widened to a wildcard": _policy(allow(["ice:*"], ICE_RESOURCE, OFFICE)),
    "resource widened to a pattern": _policy(allow([CREATE, GET_INFO], "acs:ice:*:*:*", OFFICE)),
    "resource widened to *": _policy(allow([CREATE, GET_INFO], "*", OFFICE)),
    "condition removed": _policy(allow([CREATE, GET_INFO], ICE_RESOURCE, SECURE)),
    "SourceIp widened": _policy(
        allow([CREATE, GET_INFO], ICE_RESOURCE, {**OFFICE, "IpAddress": {"acs:SourceIp": ["0.0.0.0/0"]}})
    ),
    "SecureTransport dropped": _policy(
        allow([CREATE, GET_INFO], ICE_RESOURCE, {"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}})
    ),
    "SecureTransport false": _policy(
        allow([CREATE, GET_INFO], ICE_RESOURCE, {**OFFICE, "Bool": {"acs:SecureTransport": False}})
    ),
}


@pytest.mark.parametrize("case", sorted(BROADENING))
def test_policy_broadening(case: str) -> None:
    head = with_resources(BASE, **{"upload-policy": BROADENING[case]})
    assert _verdict(BASE, head) == "broadening"
    assert _reasons(BASE, head), case


def test_reasons_name_what_widened() -> None:
    head = with_resources(BASE, **{"upload-policy": BROADENING["resource widened to *"]})
    assert _reasons(BASE, head) == ["policy icekit-dev-upload-policy: resource widened to *"]
    head = with_resources(BASE, **{"upload-policy": BROADENING["SourceIp widened"]})
    assert _reasons(BASE, head) == [
        "policy icekit-dev-upload-policy: condition IpAddress acs:SourceIp widened"
    ]
    head = with_resources(BASE, **{"upload-policy": BROADENING["SecureTransport dropped"]})
    assert _reasons(BASE, head) == [
        "policy icekit-dev-upload-policy: condition Bool acs:SecureTransport removed"
    ]


def test_changed_statement_is_shown_as_minus_then_plus() -> None:
    head = with_resources(BASE, **{"upload-policy": BROADENING["action added"]})
    changes = diff_statements(BASE, head)
    assert [c.sign for c in changes] == ["-", "+"]
    assert "ice:DeleteMediaInfos" not in changes[0].statement.actions
    assert "ice:DeleteMediaInfos" in changes[1].statement.actions
    assert {c.classification for c in changes} == {"broadening"}
    assert changes[1].reasons == ("action ice:DeleteMediaInfos added",)


def test_deny_removed_is_broadening() -> None:
    # Issue 12: a Deny that refused nothing the role is allowed (it allows only Create/Get) guards no
    # access, so removing or adding it changes none: neutral (it was broadening / narrowing before). The
    # Deny that does guard a granted action is below and in tests/review/test_exact_access.py.
    idle = with_resources(
        BASE,
        **{"upload-policy": _policy(allow([CREATE, GET_INFO], ICE_RESOURCE, OFFICE), deny("ice:Delete*"))},
    )
    assert _verdict(idle, BASE) == "neutral"
    assert _reasons(idle, BASE) == []
    assert _verdict(BASE, idle) == "neutral"
    everything = allow("ice:*", ICE_RESOURCE, OFFICE)
    guarded = with_resources(BASE, **{"upload-policy": _policy(everything, deny("ice:Delete*"))})
    unguarded = with_resources(BASE, **{"upload-policy": _policy(everything)})
    assert _verdict(guarded, unguarded) == "broadening"
    assert _reasons(guarded, unguarded) == ["policy icekit-dev-upload-policy: Deny statement removed"]
    # ... and adding it is narrowing
    assert _verdict(unguarded, guarded) == "narrowing"


def test_deny_that_covers_less_is_broadening() -> None:
    # Issue 12: with only ice:CreateUploadMedia allowed, these Denies refuse nothing: neutral each way.
    wide = with_resources(
        BASE, **{"upload-policy": _policy(allow([CREATE], ICE_RESOURCE), deny(["ice:Delete*"], "*"))}
    )
    narrow = with_resources(
        BASE, **{"upload-policy": _policy(allow([CREATE], ICE_RESOURCE), deny(["ice:Delete*"], ICE_RESOURCE))}
    )
    assert _verdict(wide, narrow) == "neutral"
    assert _verdict(narrow, wide) == "neutral"
    conditioned = with_resources(
        BASE, **{"upload-policy": _policy(allow([CREATE], ICE_RESOURCE), deny(["ice:Delete*"], "*", SECURE))}
    )
    assert _verdict(wide, conditioned) == "neutral"
    # A Deny that refuses granted actions: covering less, or only over https, broadens.
    everything = allow("ice:*", "*")
    wide = with_resources(BASE, **{"upload-policy": _policy(everything, deny(["ice:Delete*"], "*"))})
    narrow = with_resources(
        BASE, **{"upload-policy": _policy(everything, deny(["ice:Delete*"], ICE_RESOURCE))}
    )
    assert _verdict(wide, narrow) == "broadening"
    assert _verdict(narrow, wide) == "narrowing"
    conditioned = with_resources(
        BASE, **{"upload-policy": _policy(everything, deny(["ice:Delete*"], "*", SECURE))}
    )
    assert _verdict(wide, conditioned) == "broadening"  # the Deny now applies only over https


def test_trust_policy_admitting_a_new_principal_is_broadening() -> None:
    head = with_resources(BASE, **{"upload-role": role(trust(BACKEND, "acs:ram::999999:root"))})
    assert _verdict(BASE, head) == "broadening"
    assert _reasons(BASE, head) == [
        "trust policy of role icekit-dev-upload-role: principal RAM:acs:ram::999999:root admitted"
    ]
    # a new trust statement for another principal
    head = with_resources(
        BASE,
        **{"upload-role": role(trust(BACKEND), {**trust("x"), "Principal": {"Service": "fc.aliyuncs.com"}})},
    )
    assert _verdict(BASE, head) == "broadening"
    assert any("trust policy admits Service:fc.aliyuncs.com" in r for r in _reasons(BASE, head))


def test_trust_to_account_root_widens_a_role_principal() -> None:
    head = with_resources(BASE, **{"upload-role": role(trust(f"acs:ram::{ACCOUNT}:root"))})
    assert _verdict(BASE, head) == "broadening"
    assert _verdict(head, BASE) == "narrowing"


def test_policy_attachment_added_is_broadening_and_removed_narrowing() -> None:
    extra = attachment(policy_name="AliyunICEFullAccess")
    head = with_resources(BASE, **{extra["name"]: extra})
    assert _verdict(BASE, head) == "broadening"
    assert _reasons(BASE, head) == [
        "policy attachment AliyunICEFullAccess (Custom) -> role icekit-dev-upload-role: attachment added"
    ]
    assert _verdict(head, BASE) == "narrowing"


@pytest.mark.parametrize(
    ("name", "less_protected", "reason"),
    [
        ("import-bucket", bucket(acl="public-read"), "bucket import-bucket: acl public-read (was private)"),
        ("import-bucket", bucket(sse=None), "bucket import-bucket: server-side encryption off"),
        ("hooks", callback(url="http://hooks.example.com/ice"), "callback hooks: url uses plain http"),
        ("hooks", callback(auth=False), "callback hooks: authEnabled off"),
        ("hooks", callback(insecure=True), "callback hooks: allowInsecureHttp on"),
        (
            "dev-event-callback",
            event_callback(switch="off"),
            "event callback dev-event-callback: authSwitch off",
        ),
        (
            "dev-event-callback",
            event_callback(url="http://hooks.example.com/ice"),
            "event callback dev-event-callback: callbackUrl uses plain http",
        ),
    ],
)
def test_less_protected_bucket_or_callback_is_broadening(
    name: str, less_protected: dict[str, Any], reason: str
) -> None:
    head = with_resources(BASE, **{name: less_protected})
    assert _verdict(BASE, head) == "broadening"
    assert _reasons(BASE, head) == [reason]
    assert _verdict(head, BASE) == "narrowing"


def test_new_public_bucket_is_broadening_new_private_one_is_neutral() -> None:
    public = bucket(acl="public-read-write", name="exports")
    assert _verdict(BASE, with_resources(BASE, exports=public)) == "broadening"
    private = bucket(name="exports")
    assert _verdict(BASE, with_resources(BASE, exports=private)) == "neutral"


def test_role_session_duration() -> None:
    longer = with_resources(BASE, **{"upload-role": role(trust(BACKEND), max_session=43200)})
    assert _reasons(BASE, longer) == ["role upload-role: maxSessionDuration 43200 (was 3600)"]
    assert _verdict(longer, BASE) == "narrowing"


NARROWING = {
    "action removed": _policy(allow([CREATE], ICE_RESOURCE, OFFICE)),
    "resource narrowed": _policy(allow([CREATE, GET_INFO], f"acs:ice:cn-shanghai:{ACCOUNT}:media/*", OFFICE)),
    "condition added": _policy(
        allow([CREATE, GET_INFO], ICE_RESOURCE, {**OFFICE, "StringEquals": {"acs:SourceVpc": "vpc-1"}})
    ),
    "SourceIp narrowed": _policy(
        allow([CREATE, GET_INFO], ICE_RESOURCE, {**OFFICE, "IpAddress": {"acs:SourceIp": "10.1.0.0/16"}})
    ),
    "statement removed": _policy(),
}


@pytest.mark.parametrize("case", sorted(NARROWING))
def test_policy_narrowing(case: str) -> None:
    head = with_resources(BASE, **{"upload-policy": NARROWING[case]})
    assert _verdict(BASE, head) == "narrowing"


def test_mixed_change_is_broadening_and_keeps_the_narrowing_rows() -> None:
    head = with_resources(
        BASE, **{"upload-policy": _policy(allow([CREATE, "ice:DeleteMediaInfos"], ICE_RESOURCE, OFFICE))}
    )
    changes = diff_statements(BASE, head)
    assert changes[0].classification == "broadening"
    assert _verdict(BASE, head) == "broadening"


NEUTRAL = {
    "statements reordered, action case and layout": _policy(
        allow(
            ["ICE:GetMediaInfo", "ice:CreateUploadMedia"],
            [ICE_RESOURCE],
            {"Bool": {"acs:SecureTransport": True}, "IpAddress": {"acs:SourceIp": "10.0.0.0/8"}},
        )
    ),
    "statement split in two": _policy(
        allow([CREATE], ICE_RESOURCE, OFFICE), allow([GET_INFO], ICE_RESOURCE, OFFICE)
    ),
}


@pytest.mark.parametrize("case", sorted(NEUTRAL))
def test_policy_rewrites_with_the_same_access_do_not_broaden(case: str) -> None:
    head = with_resources(BASE, **{"upload-policy": NEUTRAL[case]})
    assert _verdict(BASE, head) in ("unchanged", "neutral")
    assert not _reasons(BASE, head)


def test_layout_only_rewrite_produces_no_statement_rows() -> None:
    head = with_resources(BASE, **{"upload-policy": NEUTRAL["statements reordered, action case and layout"]})
    assert diff_statements(BASE, head) == []


def test_statements_merged_into_one_with_the_same_access_are_not_broadening() -> None:
    split = with_resources(BASE, **{"upload-policy": NEUTRAL["statement split in two"]})
    assert _verdict(split, BASE) in ("neutral", "unchanged")


def test_new_policy_and_role_are_broadening_removed_ones_narrowing() -> None:
    empty = plan()
    assert _verdict(empty, BASE) == "broadening"
    assert _verdict(BASE, empty) == "narrowing"


def test_unreadable_policy_document_counts_as_broadening() -> None:
    broken = policy()
    broken["inputs"]["policyDocument"] = "{not json"
    assert _verdict(BASE, with_resources(BASE, **{"upload-policy": broken})) == "broadening"


def test_numeric_condition_change_cannot_be_proven_safe() -> None:
    before = with_resources(
        BASE, **{"upload-policy": _policy(allow(CREATE, "*", {"NumericLessThan": {"ice:Size": "10"}}))}
    )
    after = with_resources(
        BASE, **{"upload-policy": _policy(allow(CREATE, "*", {"NumericLessThan": {"ice:Size": "11"}}))}
    )
    assert _verdict(before, after) == "broadening"


def test_string_conditions_follow_their_operator() -> None:
    def with_condition(condition: dict[str, Any]) -> dict[str, Any]:
        return with_resources(BASE, **{"upload-policy": _policy(allow(CREATE, "*", condition))})

    equals_one = with_condition({"StringEquals": {"acs:SourceVpc": "vpc-1"}})
    equals_two = with_condition({"StringEquals": {"acs:SourceVpc": ["vpc-1", "vpc-2"]}})
    assert _verdict(equals_one, equals_two) == "broadening"
    assert _verdict(equals_two, equals_one) == "narrowing"
    not_one = with_condition({"StringNotEquals": {"acs:SourceVpc": "vpc-1"}})
    not_two = with_condition({"StringNotEquals": {"acs:SourceVpc": ["vpc-1", "vpc-2"]}})
    assert _verdict(not_two, not_one) == "broadening"
    assert _verdict(not_one, not_two) == "narrowing"


def test_parse_document_normalizes_layout() -> None:
    one = parse_document(
        json.dumps({"Statement": {"Effect": "allow", "Action": "ICE:Get*", "Resource": "*"}})
    )
    two = parse_document({"Statement": [{"Effect": "Allow", "Action": ["ice:Get*"], "Resource": ["*"]}]})
    assert one is not None and two is not None
    assert [s.comparable() for s in one] == [s.comparable() for s in two]
    assert one[0].actions == ("ice:Get*",)
    assert parse_document("[1, 2]") is None
    assert parse_document(None) == []


def test_other_resources_are_listed_as_neutral_with_their_fields() -> None:
    head = dict(BASE)
    profile = {
        "urn": "urn:pulumi:dev::icekit::icekit:profile:UploadProfile::mobile-video",
        "type": "icekit:profile:UploadProfile",
        "name": "mobile-video",
        "inputs": {"app": "mobile-video", "fileTypes": ["video"]},
    }
    base = with_resources(BASE, **{"mobile-video": profile})
    head = with_resources(
        BASE,
        **{"mobile-video": {**profile, "inputs": {"app": "mobile-video", "fileTypes": ["video", "image"]}}},
    )
    changes = [c for c in diff_resources(base, head) if c.kind == "icekit:profile:UploadProfile"]
    assert len(changes) == 1
    assert changes[0].classification == "neutral"
    assert [f.path for f in changes[0].fields] == ["fileTypes"]


def test_removing_a_policy_with_a_deny_broadens_only_while_its_role_lives_on() -> None:
    guard = policy(deny("ice:Delete*"), name="guard")
    guard_attachment = attachment(policy_name="icekit-dev-guard")
    idle = with_resources(BASE, guard=guard, **{guard_attachment["name"]: guard_attachment})
    # Issue 12: the role is allowed no ice:Delete* action, so this Deny guards nothing: neutral (was
    # broadening). With a grant it does guard, removing it broadens while the role lives on.
    assert _verdict(idle, BASE) == "neutral"
    wide = with_resources(BASE, **{"upload-policy": _policy(allow("ice:*", ICE_RESOURCE, OFFICE))})
    guarded = with_resources(wide, guard=guard, **{guard_attachment["name"]: guard_attachment})
    assert _verdict(guarded, wide) == "broadening"
    assert "policy icekit-dev-guard: Deny statement removed" in _reasons(guarded, wide)
    # the whole stack goes: the Deny leaves together with the role it restricted
    assert _verdict(guarded, plan()) == "narrowing"
    assert review_stack("dev", planned(guarded), None).verdict == "narrowing"


def test_separate_bucket_acl_resource_and_mns_callbacks() -> None:
    from tests.review.synthetic import resource

    acl = resource("alicloud:oss/bucketAcl:BucketAcl", "import-acl", {"bucket": "acme", "acl": "public-read"})
    assert _reasons(BASE, with_resources(BASE, **{"import-acl": acl})) == [
        "bucket acl import-acl: acl public-read (was private)"
    ]
    mns = resource(
        "pulumi-python:dynamic:Resource",
        "dev-event-callback",
        {"iceResource": "EventCallback", "callbackType": "MNS", "callbackQueueName": "ice-callback-dev"},
    )
    # An MNS event callback has no auth switch: replacing the HTTP one is not "auth off".
    head = with_resources(BASE, **{"dev-event-callback": mns})
    assert not [r for r in _reasons(BASE, head) if "authSwitch" in r]
