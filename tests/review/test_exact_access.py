"""Issue 12: the review compares what each role may do (the evaluator's answers at base and at head), not
how its statements are written."""

from __future__ import annotations

from typing import Any

from icekit.access.model import RoleAccessChange
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
    deny,
    planned,
    policy,
    role,
    trust,
    with_resources,
)

ROLE = "icekit-dev-upload-role"
DELETE = "ice:DeleteMediaInfos"


def _upload(*statements: dict[str, Any]) -> dict[str, Any]:
    return with_resources(baseline(), **{"upload-policy": policy(*statements)})


def _review(base: dict[str, Any], head: dict[str, Any]) -> tuple[str, list[RoleAccessChange]]:
    stack = review_stack("dev", planned(base), planned(head))
    return stack.verdict, list(stack.access)


def _texts(changes: list[RoleAccessChange]) -> list[tuple[str, str]]:
    return [(c.classification, c.text) for role in changes for c in role.changes]


def test_a_statement_split_in_two_with_its_actions_reordered_is_neutral() -> None:
    base = _upload(allow([CREATE, GET_INFO, "ice:RefreshUploadMedia"], "*", OFFICE))
    head = _upload(
        allow(["ice:RefreshUploadMedia", GET_INFO], "*", {"Bool": {"acs:SecureTransport": True}, **OFFICE}),
        allow(["ICE:createuploadmedia"], ["*"], OFFICE),
    )
    verdict, access = _review(base, head)
    assert (verdict, access) == ("neutral", [])
    rows = review_stack("dev", planned(base), planned(head)).statements
    assert rows and {row.classification for row in rows} == {"neutral"}


def test_https_required_by_a_deny_instead_of_a_condition_is_neutral() -> None:
    # Before: "condition Bool acs:SecureTransport removed" made this broadening.
    base = _upload(allow([CREATE, GET_INFO], "*", OFFICE))
    insecure = {"Bool": {"acs:SecureTransport": "false"}}
    head = _upload(
        allow([CREATE, GET_INFO], "*", {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}}),
        deny("*", "*", insecure),
    )
    head_without_key = _upload(allow([CREATE, GET_INFO], "*", OFFICE), deny("*", "*", insecure))
    assert _review(base, head_without_key)[0] == "neutral"
    verdict, access = _review(base, head)
    # A request that carries no acs:SecureTransport at all is refused by the base's condition and
    # let through by the head's Deny (a Bool on a missing key fails, so the Deny does not apply).
    assert verdict == "broadening"
    assert _texts(access) == [
        (
            "broadening",
            "`ice:CreateUploadMedia`, `ice:GetMediaInfo` now also allowed on `*` from 10.0.0.0/8, "
            "only without acs:SecureTransport",
        )
    ]


def test_a_removed_deny_is_broadening_and_names_the_access_it_gives_back() -> None:
    guarded = _upload(allow("ice:*", "*", OFFICE), deny(DELETE))
    verdict, access = _review(guarded, _upload(allow("ice:*", "*", OFFICE)))
    assert verdict == "broadening"
    assert _texts(access) == [
        ("broadening", f"now allowed: `{DELETE}` on `*` from 10.0.0.0/8, only over HTTPS"),
    ]
    assert access[0].role == ROLE and access[0].changes[0].subjects == (DELETE,)
    assert _review(_upload(allow("ice:*", "*", OFFICE)), guarded)[0] == "narrowing"


def test_a_narrower_condition_is_narrowing() -> None:
    base = _upload(allow([CREATE], "*", OFFICE))
    head = _upload(allow([CREATE], "*", {**SECURE, "IpAddress": {"acs:SourceIp": ["10.1.0.0/16"]}}))
    verdict, access = _review(base, head)
    assert verdict == "narrowing"
    assert _texts(access) == [
        (
            "narrowing",
            "`ice:CreateUploadMedia` now allowed only on `*` from 10.1.0.0/16, only over HTTPS "
            "(was on `*` from 10.0.0.0/8, only over HTTPS)",
        )
    ]


def test_dropping_https_is_said_as_access() -> None:
    base = _upload(allow([CREATE], "*", OFFICE))
    head = _upload(allow([CREATE], "*", {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}}))
    assert _texts(_review(base, head)[1]) == [
        ("broadening", "no longer requires HTTPS for `ice:CreateUploadMedia`")
    ]
    assert _texts(_review(head, base)[1]) == [("narrowing", "now requires HTTPS for `ice:CreateUploadMedia`")]


def test_ipv6_blocks_and_dates_are_compared_at_their_boundaries() -> None:
    base = _upload(allow([CREATE], "*", OFFICE))
    head = _upload(
        allow([CREATE], "*", {**SECURE, "IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}})
    )
    verdict, access = _review(base, head)
    assert verdict == "broadening"
    assert "from 10.0.0.0/8, 2001:db8::/32, only over HTTPS" in _texts(access)[0][1]
    until = {**OFFICE, "DateLessThan": {"acs:CurrentTime": "2026-01-01T00:00:00Z"}}
    later = {**OFFICE, "DateLessThan": {"acs:CurrentTime": "2026-07-01T00:00:00+08:00"}}
    verdict, access = _review(_upload(allow([CREATE], "*", until)), _upload(allow([CREATE], "*", later)))
    assert verdict == "broadening"
    [(_, text)] = _texts(access)
    assert "when acs:CurrentTime before 2026-07-01T00:00:00+08:00 (was" in text
    assert "(was on `*` from 10.0.0.0/8, only over HTTPS, when acs:CurrentTime before 2026-01-01" in text


def test_trust_widened_to_the_account_is_newly_assumable_by_its_root() -> None:
    head = with_resources(baseline(), **{"upload-role": role(trust(f"acs:ram::{ACCOUNT}:root"))})
    verdict, access = _review(baseline(), head)
    assert verdict == "broadening"
    assert _texts(access) == [("broadening", f"newly assumable by `acs:ram::{ACCOUNT}:root`")]
    assert _texts(_review(head, baseline())[1]) == [
        ("narrowing", f"no longer assumable by `acs:ram::{ACCOUNT}:root`")
    ]
    anyone = with_resources(baseline(), **{"upload-role": role({**trust(BACKEND), "Principal": "*"})})
    assert _texts(_review(baseline(), anyone)[1]) == [
        (
            "broadening",
            f"newly assumable by `acs:ram::{ACCOUNT}:root`, any other account, any other service, "
            "any other identity provider",
        )
    ]


def test_a_policy_not_in_the_plan_cannot_be_evaluated_and_counts_as_broadening() -> None:
    extra = attachment(policy_name="AliyunICEFullAccess")
    head = with_resources(baseline(), **{extra["name"]: extra})
    verdict, access = _review(baseline(), head)
    assert verdict == "broadening"
    [(classification, text)] = _texts(access)
    assert classification == "broadening"
    assert text.startswith("`AliyunICEFullAccess (Custom)`: its document is not in the plan")


def test_a_wildcard_against_todays_expansion_is_narrowing() -> None:
    from icekit.ram.ice_actions import ice_actions

    # `ice:Get*` also grants the Get actions ICE adds later; the list of today's is narrower.
    expansion = sorted(a for a in ice_actions() if a.startswith("ice:Get"))
    verdict, access = _review(_upload(allow("ice:Get*", "*", OFFICE)), _upload(allow(expansion, "*", OFFICE)))
    assert verdict == "narrowing"
    assert _texts(access) == [
        (
            "narrowing",
            "no longer allowed: `ice:Get* (actions icekit does not list)` "
            "(was on `*` from 10.0.0.0/8, only over HTTPS)",
        )
    ]


def test_the_comment_says_the_access_before_the_statements_it_keeps_as_detail() -> None:
    from icekit.report.markdown import render_markdown
    from icekit.report.model import Revision
    from icekit.review.report import review_report
    from icekit.review.verdict import build_review

    guarded = _upload(allow("ice:*", "*", OFFICE), deny(DELETE))
    sides = {"dev": (planned(guarded), planned(_upload(allow("ice:*", "*", OFFICE))))}
    review = build_review(Revision("main", None), Revision("working tree", None), sides, "broadening")
    lines = render_markdown(review_report(review)).splitlines()
    access = lines.index("#### Access changes (evaluated)")
    assert lines[access + 2] == f"**`{ROLE}`**: broadening"
    assert lines[access + 4] == (
        f"- **broadening**: now allowed: `{DELETE}` on `*` from 10.0.0.0/8, only over HTTPS"
    )
    statements = lines.index("#### RAM statement changes")
    assert statements > access and lines[statements + 2].startswith("<details><summary>1 statement row")
    split = _upload(allow([GET_INFO], ICE_RESOURCE, OFFICE), allow([CREATE], ICE_RESOURCE, OFFICE))
    same = {"dev": (planned(baseline()), planned(split))}
    neutral = build_review(Revision("main", None), Revision("working tree", None), same, "broadening")
    assert "No access changed: every role may do exactly what it could before." in render_markdown(
        review_report(neutral)
    )
