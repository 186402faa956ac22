"""The access table on synthetic plans: wildcards expanded against ICE's list and grouped, a Deny taken
into account, rows split where the conditions are not one block, documents that cannot be evaluated."""

from __future__ import annotations

from icekit.access.table import access_table
from icekit.ram.ice_actions import ice_actions
from icekit.report.model import Report
from icekit.report.text import render_text
from tests.review.synthetic import (
    OFFICE,
    SECURE,
    allow,
    attachment,
    deny,
    plan,
    plan_result,
    policy,
    role,
    trust,
)

BACKEND = "acs:ram::1234567890123456:role/mobile-backend"


def _table(*statements: dict[str, object], extra: tuple[dict[str, object], ...] = ()) -> object:
    document = plan(policy(*statements), role(trust(BACKEND)), attachment(), *extra)
    return access_table(plan_result(document))


def test_a_wildcard_is_every_listed_action_it_matches_and_the_ones_to_come() -> None:
    table = _table(allow("ice:*", "*", OFFICE), deny("ice:Delete*"))
    [access] = table.roles  # type: ignore[attr-defined]
    [row] = access.grants
    listed = sorted(a for a in ice_actions() if not a.startswith("ice:Delete"))
    assert list(row.actions) == [*sorted(listed, key=str.casefold), "ice:* (actions icekit does not list)"]
    assert (row.resources, row.when.networks, row.when.https) == (("*",), ("10.0.0.0/8",), "required")
    text = render_text(Report("access", (), access=table))  # type: ignore[arg-type]
    assert f"... and {len(row.actions) - 11} more (--format json)" in text
    assert "assumable by acs:ram::1234567890123456:role/mobile-backend, from any address" in text


def test_conditions_that_are_not_one_block_are_several_rows() -> None:
    # HTTPS required from 10/8, not from 192.168/16: not one (networks x HTTPS) block.
    table = _table(
        allow("ice:GetMediaInfo", "*", OFFICE),
        allow("ice:GetMediaInfo", "*", {"IpAddress": {"acs:SourceIp": "192.168.0.0/16"}}),
    )
    [access] = table.roles  # type: ignore[attr-defined]
    shown = sorted((row.when.networks, row.when.https) for row in access.grants)
    assert shown == [(("10.0.0.0/8",), "required"), (("192.168.0.0/16",), None)]


def test_a_policy_not_in_the_plan_and_an_unknown_operator_are_named_not_guessed() -> None:
    extra = attachment(policy_name="AliyunICEFullAccess")
    odd = policy(allow("ice:GetMediaInfo", "*", {"ForAnyValue:StringEquals": {"acs:Tag": "x"}}), name="odd")
    table = _table(
        allow("ice:GetMediaInfo", "*", SECURE), extra=(extra, odd, attachment(policy_name="icekit-dev-odd"))
    )
    [access] = table.roles  # type: ignore[attr-defined]
    assert access.problems == (
        "AliyunICEFullAccess (Custom): its document is not in the plan",
        "icekit-dev-odd: cannot be evaluated (icekit-dev-odd Statement[0]: condition operator "
        "'ForAnyValue:StringEquals' is not one RAM supports)",
    )
    assert [row.actions for row in access.grants] == [("ice:GetMediaInfo",)]
