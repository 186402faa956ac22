"""The comparison domain: its boundary points, how sets of them are said, and the property the review
rests on: two documents that agree on every point of their domain agree on every request."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from icekit.access.answers import grants
from icekit.access.axes import Axis, ip_trees
from icekit.access.describe import describe_contexts, describe_resources, ip_text
from icekit.access.domain import OTHER_RESOURCE, domain_of
from icekit.ram import Condition, PolicyDocument, Request, compile_policy, evaluate, parse_document

ACCOUNT = "1234567890123456"


def _document(*statements: dict[str, Any]) -> PolicyDocument:
    return parse_document(json.dumps({"Version": "1", "Statement": list(statements)}))


def test_every_block_gets_an_address_of_its_own_part() -> None:
    [v4, v6] = ip_trees(["10.0.0.0/8", "10.0.0.0/16", "10.255.0.0/16", "2001:db8::/32", "203.0.113.0/24"])
    assert [n.label() for n in v4.walk()] == [
        "any IPv4 address",
        "10.0.0.0/8",
        "10.0.0.0/16",
        "10.255.0.0/16",
        "203.0.113.0/24",
    ]
    owners = {n.label(): n.representative for n in v4.walk()}
    # 10/8 starts and ends with a sub-block: its own part begins after the first one.
    assert owners["10.0.0.0/8"] == "10.1.0.0" and owners["10.0.0.0/16"] == "10.0.0.0"
    assert owners["any IPv4 address"] == "0.0.0.0"  # the documentation address is inside a block here
    assert [n.representative for n in v6.walk()] == ["::", "2001:db8::"]
    [v4, v6] = ip_trees([])
    assert (v4.representative, v6.representative) == ("203.0.113.7", "2001:db8::7")
    [v4, _] = ip_trees(["0.0.0.0/1", "128.0.0.0/1"])
    assert v4.representative is None  # two halves leave the whole space nothing of its own


def test_networks_are_said_as_blocks_with_exceptions() -> None:
    axis = Axis.of(
        "acs:SourceIp", [Condition("IpAddress", "acs:SourceIp", ("10.0.0.0/8", "10.20.0.0/16", "::1"))]
    )
    inside = {"10.0.0.0", "10.20.0.0"}
    assert ip_text(axis, inside) == ("10.0.0.0/8",)
    assert ip_text(axis, {"10.0.0.0"}) == ("10.0.0.0/8 except 10.20.0.0/16",)
    everything = {v for v in axis.values if v}
    assert ip_text(axis, everything) is None
    assert ip_text(axis, everything - {"10.20.0.0"}) == (
        "any IPv4 address except 10.0.0.0/8",
        "10.0.0.0/8 except 10.20.0.0/16",
        "any IPv6 address",
    )
    assert ip_text(axis, {None}) == ("requests without acs:SourceIp",)


def test_dates_numbers_and_strings_are_said_as_ranges_and_values() -> None:
    document = _document(
        {
            "Effect": "Allow",
            "Action": "ice:GetMediaInfo",
            "Resource": "*",
            "Condition": {
                "DateGreaterThan": {"acs:CurrentTime": "2026-01-01T00:00:00Z"},
                "DateLessThanEquals": {"acs:CurrentTime": "2026-07-01T00:00:00Z"},
                "StringEquals": {"acs:SourceVpc": ["vpc-1", "vpc-2"]},
                "NumericLessThan": {"ice:Size": "10"},
            },
        }
    )
    domain = domain_of([document], region="cn-shanghai", account=ACCOUNT)
    policy = compile_policy(document, name="p")
    allowed, _, _ = grants([policy], domain)
    hits = allowed[("ice:GetMediaInfo", f"acs:ice:cn-shanghai:{ACCOUNT}:*")]
    [when] = describe_contexts(domain, hits)
    assert when.networks is None and when.https is None
    assert when.other == (
        "acs:CurrentTime after 2026-01-01T00:00:00+00:00 and up to 2026-07-01T00:00:00+00:00",
        "acs:SourceVpc is vpc-1, vpc-2",
        "ice:Size before 10",
    )


def test_resources_are_said_as_the_documents_patterns() -> None:
    bucket = "acs:oss:*:*:acme/incoming/*"
    document = _document(
        {"Effect": "Allow", "Action": "oss:PutObject", "Resource": bucket},
        {"Effect": "Allow", "Action": "oss:GetObject", "Resource": "acs:oss:*:*:*"},
        {"Effect": "Allow", "Action": "ice:GetMediaInfo", "Resource": "*"},
    )
    domain = domain_of([document], region="cn-shanghai", account=ACCOUNT)
    allowed, _, _ = grants([compile_policy(document, name="p")], domain)

    def on(action: str) -> tuple[str, ...]:
        return describe_resources(domain, {r for a, r in allowed if a == action})

    assert on("oss:PutObject") == (bucket,)
    assert on("oss:GetObject") == ("acs:oss:*:*:*",)
    assert on("ice:GetMediaInfo") == ("*",)
    others = {r for a, r in allowed if a == "oss:GetObject"} - {r for a, r in allowed if a == "oss:PutObject"}
    assert describe_resources(domain, others) == (f"acs:oss:*:*:* except {bucket}",)
    assert OTHER_RESOURCE in domain.resources


# --- exactness: agreeing on the domain is agreeing everywhere --------------------------------------------

ACTIONS = ["ice:CreateUploadMedia", "ice:GetMediaInfo", "ice:Get*", "ice:*", "oss:PutObject", "oss:GetObject"]
RESOURCES = ["*", "acs:oss:*:*:b/*", "acs:oss:*:*:b/in/*", "acs:oss:*:*:b/x", "acs:ice:*:*:*"]
CONDITIONS = [
    ("IpAddress", "acs:SourceIp", ["10.0.0.0/8", "10.1.0.0/16", "2001:db8::/32", "192.168.1.1"]),
    ("NotIpAddress", "acs:SourceIp", ["10.0.0.0/8", "2001:db8::/48"]),
    ("Bool", "acs:SecureTransport", ["true", "false"]),
    ("DateLessThan", "acs:CurrentTime", ["2026-01-01T00:00:00Z", "2026-06-01T00:00:00+08:00"]),
    ("DateGreaterThanEquals", "acs:CurrentTime", ["2026-01-01T00:00:00Z"]),
    ("StringEquals", "acs:SourceVpc", ["vpc-1", "vpc-2"]),
    ("StringNotEquals", "acs:SourceVpc", ["vpc-1"]),
]
# Requests at and around every boundary the grammar can draw, and far from all of them.
REQUEST_VALUES = {
    "acs:SourceIp": [
        *("9.255.255.255", "10.0.0.0", "10.0.255.255", "10.1.0.0", "10.1.255.255", "10.2.0.0"),
        *("10.255.255.255", "11.0.0.0", "192.168.1.0", "192.168.1.1", "192.168.1.2", "8.8.8.8"),
        *("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::", "2001:db8:0:ffff::1", "2001:db8:1::"),
        *("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::", "::1"),
    ],
    "acs:SecureTransport": ["true", "false"],
    "acs:CurrentTime": [
        *("2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", "2026-03-01T00:00:00Z"),
        *("2026-05-31T15:59:59Z", "2026-05-31T16:00:00Z", "2026-05-31T16:00:01Z", "2027-01-01T00:00:00Z"),
    ],
    "acs:SourceVpc": ["vpc-1", "vpc-2", "vpc-3", "VPC-1"],
}
REQUEST_ACTIONS = [
    *("ice:CreateUploadMedia", "ice:GetMediaInfo", "ice:DeleteMediaInfos", "ice:GetNewThing", "ice:X"),
    *("oss:PutObject", "oss:GetObject", "oss:DeleteObject", "ram:CreateUser"),
]
REQUEST_RESOURCES = [
    "acs:oss:cn-shanghai:1:b/",
    "acs:oss:cn-shanghai:1:b/in/",
    "acs:oss:cn-shanghai:1:b/x",
    "acs:oss:cn-shanghai:1:b/in/clip.mp4",
    "acs:oss:cn-shanghai:1:b/y",
    "acs:oss:cn-shanghai:1:c/x",
    "acs:ice:cn-shanghai:1:*",
    "*",
]


def _statement(draw: st.DrawFn) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "Effect": draw(st.sampled_from(["Allow", "Allow", "Deny"])),
        "Action": draw(st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=2)),
        "Resource": draw(st.lists(st.sampled_from(RESOURCES), min_size=1, max_size=2)),
    }
    block: dict[str, dict[str, list[str]]] = {}
    for operator, key, values in draw(st.lists(st.sampled_from(CONDITIONS), max_size=2)):
        block.setdefault(operator, {})[key] = draw(st.lists(st.sampled_from(values), min_size=1, max_size=2))
    if block:
        statement["Condition"] = block
    return statement


def _mutated(draw: st.DrawFn, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same statements with one small change, so that the two documents differ in few requests (or,
    for a split, in none): the pairs where a domain missing a boundary would be caught."""
    out = json.loads(json.dumps(statements))
    target = out[draw(st.integers(0, len(out) - 1))]
    change = draw(st.sampled_from(["value", "condition", "resource", "action", "effect", "split", "new"]))
    block = target.get("Condition", {})
    if change == "value" and block:  # one value more or less: the two differ inside one block at most
        operator = draw(st.sampled_from(sorted(block)))
        key = next(iter(block[operator]))
        pool = next(values for op, k, values in CONDITIONS if (op, k) == (operator, key))
        values = block[operator][key]
        if len(values) > 1 and draw(st.booleans()):
            values.remove(draw(st.sampled_from(values)))
        else:
            values.append(draw(st.sampled_from(pool)))
    elif change == "condition":
        operator, key, values = draw(st.sampled_from(CONDITIONS))
        target.setdefault("Condition", {}).setdefault(operator, {})[key] = [draw(st.sampled_from(values))]
    elif change == "resource":
        target["Resource"] = [draw(st.sampled_from(RESOURCES))]
    elif change == "action":
        target["Action"] = [draw(st.sampled_from(ACTIONS))]
    elif change == "effect":
        target["Effect"] = "Deny" if target["Effect"] == "Allow" else "Allow"
    elif change == "split":
        out += [{**target, "Action": [action]} for action in target["Action"]]
        out.remove(target)
    else:
        out.append(_statement(draw))
    return out


@st.composite
def pairs(draw: st.DrawFn) -> tuple[PolicyDocument, PolicyDocument]:
    statements = [_statement(draw) for _ in range(draw(st.integers(1, 3)))]
    return _document(*statements), _document(*_mutated(draw, statements))


@st.composite
def requests(draw: st.DrawFn) -> Request:
    action = draw(st.sampled_from(REQUEST_ACTIONS))
    context = {
        key: draw(st.sampled_from(values)) for key, values in REQUEST_VALUES.items() if draw(st.booleans())
    }
    return Request(action, draw(st.sampled_from(REQUEST_RESOURCES)), None, context)


@settings(max_examples=200, deadline=None)
@given(pairs(), st.lists(requests(), min_size=40, max_size=40))
def test_documents_that_agree_on_their_domain_agree_on_any_request(
    documents: tuple[PolicyDocument, PolicyDocument], sample: list[Request]
) -> None:
    first, second = documents
    domain = domain_of([first, second], region="cn-shanghai", account="1")
    a, b = compile_policy(first, name="a"), compile_policy(second, name="b")
    same_on_domain = grants([a], domain)[0] == grants([b], domain)[0]
    for request in sample:
        if evaluate([a], request).allowed != evaluate([b], request).allowed:
            assert not same_on_domain, request
