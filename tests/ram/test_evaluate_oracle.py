"""Property test: for random documents from a small grammar and random requests, `evaluate` agrees with a
deliberately simple brute-force oracle written here on the raw JSON (fnmatch, float, integer address
ranges; no code shared with icekit.ram beyond the strict parser feeding the evaluator)."""

from __future__ import annotations

import fnmatch
import ipaddress
import json
import re
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from icekit.ram import Principal, Request, compile_policy, evaluate, parse_document

ACTIONS = [
    "ice:CreateUploadMedia",
    "ice:Get*",
    "ice:get?ediainfo",
    "ICE:*",
    "*",
    "oss:PutObject",
    "oss:*Object",
    "ice:?",
]
RESOURCES = ["*", "acs:oss:*:*:b/*", "acs:oss:*:*:b/x", "acs:ice:*:*:*", "acs:oss:*:*:?/x"]
TIMES = ["2026-01-01T00:00:00Z", "2026-06-01T12:00:00+08:00", "2026-06-01T04:00:00Z", "2027-01-01T00:00:00"]
# operator family -> (operators, key, policy values)
FAMILIES = {
    "string": (
        ["StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "stringequals"],
        "acs:SourceVpc",
        ["vpc-1", "VPC-1", "vpc-*", "v?c-2"],
    ),
    "ignorecase": (
        ["StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"],
        "acs:SourceVpc",
        ["vpc-1", "VPC-2"],
    ),
    "ip": (
        ["IpAddress", "NotIpAddress"],
        "acs:SourceIp",
        ["10.0.0.0/8", "10.1.0.0/16", "2001:db8::/32", "192.168.1.1", "::1"],
    ),
    "bool": (["Bool", "bool"], "acs:SecureTransport", ["true", "false", "TRUE"]),
    "date": (
        [
            "DateLessThan",
            "DateLessThanEquals",
            "DateGreaterThan",
            "DateGreaterThanEquals",
            "DateEquals",
            "DateNotEquals",
        ],
        "acs:CurrentTime",
        TIMES,
    ),
    "number": (
        [
            "NumericEquals",
            "NumericNotEquals",
            "NumericLessThan",
            "NumericLessThanEquals",
            "NumericGreaterThan",
            "NumericGreaterThanEquals",
        ],
        "ice:Size",
        ["1", "10", "10.5"],
    ),
}
PRINCIPALS = [
    ("RAM", "acs:ram::111:role/app"),
    ("RAM", "acs:ram::111:root"),
    ("RAM", "222"),
    ("RAM", "acs:ram::*:root"),
    ("RAM", "acs:ram::111:role/a*"),
    ("Service", "fc.aliyuncs.com"),
    ("Federated", "acs:ram::111:saml-provider/idp"),
]
REQUEST_VALUES = {
    "acs:SourceVpc": ["vpc-1", "VPC-1", "vpc-2", "vpc-xyz"],
    "acs:SourceIp": ["10.1.2.3", "10.2.0.1", "192.168.1.1", "2001:db8::5", "8.8.8.8", "::1"],
    "acs:SecureTransport": ["true", "false", "True"],
    "acs:CurrentTime": TIMES,
    "ice:Size": ["1", "5", "10", "10.0", "11", "x"],
}
REQUEST_PRINCIPALS = [
    Principal("RAM", "acs:ram::111:role/app"),
    Principal("RAM", "acs:ram::111:user/u"),
    Principal("RAM", "acs:ram::222:role/app"),
    Principal("RAM", "acs:ram::333:role/b"),
    Principal("Service", "FC.aliyuncs.com"),
    Principal("Federated", "acs:ram::111:saml-provider/idp"),
]
NEGATED = {
    "stringnotequals",
    "stringnotequalsignorecase",
    "stringnotlike",
    "notipaddress",
    "numericnotequals",
    "datenotequals",
}


_SPELLINGS = {
    key: st.sampled_from([key, key.lower(), key.upper()])
    for key in [*REQUEST_VALUES, *(f[1] for f in FAMILIES.values())]
}


def _case(text: str) -> st.SearchStrategy[str]:
    return _SPELLINGS[text]


@st.composite
def conditions(draw: st.DrawFn, *, least: int = 0) -> dict[str, dict[str, list[str]]]:
    block: dict[str, dict[str, list[str]]] = {}
    for _ in range(draw(st.integers(least, 3))):
        operators, key, values = FAMILIES[draw(st.sampled_from(sorted(FAMILIES)))]
        chosen = draw(st.lists(st.sampled_from(values), min_size=1, max_size=3))
        block.setdefault(draw(st.sampled_from(operators)), {})[draw(_case(key))] = chosen
    return block


@st.composite
def statements(draw: st.DrawFn, *, trust: bool) -> dict[str, Any]:
    statement: dict[str, Any] = {"Effect": draw(st.sampled_from(["Allow", "Deny"]))}
    actions = draw(st.lists(st.sampled_from([*ACTIONS, "sts:AssumeRole"]), min_size=1, max_size=3))
    statement[draw(st.sampled_from(["Action", "NotAction"]))] = actions
    if trust:
        chosen = draw(st.lists(st.sampled_from(PRINCIPALS), min_size=1, max_size=3))
        principal: dict[str, list[str]] = {}
        for kind, value in chosen:
            principal.setdefault(kind, []).append(value)
        statement["Principal"] = "*" if draw(st.integers(0, 9)) == 0 else principal
    else:
        resources = draw(st.lists(st.sampled_from(RESOURCES), min_size=1, max_size=2))
        statement[draw(st.sampled_from(["Resource", "NotResource"]))] = resources
    if block := draw(conditions()):
        statement["Condition"] = block
    return statement


@st.composite
def requests(draw: st.DrawFn, *, trust: bool) -> Request:
    action = (
        draw(st.sampled_from(["sts:AssumeRole", "STS:assumerole"]))
        if trust
        else draw(
            st.sampled_from(
                [
                    "ice:CreateUploadMedia",
                    "ice:createuploadmedia",
                    "ice:GetMediaInfo",
                    "ice:get",
                    "ice:G",
                    "oss:PutObject",
                    "oss:GetObject",
                    "ram:CreateUser",
                    "ice:Ge",
                ]
            )
        )
    )
    context = {}
    for key, values in REQUEST_VALUES.items():
        if draw(st.booleans()):
            context[draw(_case(key))] = draw(st.sampled_from(values))
    resource = draw(
        st.sampled_from(
            ["*", "acs:oss:*:*:b/x", "acs:oss:*:*:b/y/z", "acs:ice:cn-shanghai:1:media", "acs:oss:*:*:c/x"]
        )
    )
    principal = draw(st.sampled_from([None, *REQUEST_PRINCIPALS])) if trust else None
    return Request(action=action, resource=resource, principal=principal, context=context)


# --- the oracle ---------------------------------------------------------------------------------------------


def _listed(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def _glob(value: str, pattern: str, *, fold: bool) -> bool:
    return (
        fnmatch.fnmatchcase(value.lower(), pattern.lower()) if fold else fnmatch.fnmatchcase(value, pattern)
    )


def _moment(text: str) -> float:
    parsed = datetime.fromisoformat(text)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def _in_block(address: str, block: str) -> bool:
    ip = ipaddress.ip_address(address)
    network = ipaddress.ip_network(block, strict=False)
    low, high = int(network.network_address), int(network.broadcast_address)
    return ip.version == network.version and low <= int(ip) <= high


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _base(operator: str, value: str, wanted: str) -> bool:
    """The operator's comparison of one request value with one policy value (before negation)."""
    if operator in ("stringequals", "stringnotequals"):
        return value == wanted
    if operator in ("stringequalsignorecase", "stringnotequalsignorecase"):
        return value.lower() == wanted.lower()
    if operator in ("stringlike", "stringnotlike"):
        return _glob(value, wanted, fold=False)
    if operator in ("ipaddress", "notipaddress"):
        return _in_block(value, wanted)
    if operator == "bool":
        return value.lower() == wanted.lower()
    if operator.startswith("date"):
        left, right = _moment(value), _moment(wanted)
    else:
        number = _number(value)
        if number is None:
            return False
        left, right = number, float(wanted)
    for suffix, holds in (
        ("greaterthanequals", left >= right),
        ("lessthanequals", left <= right),
        ("greaterthan", left > right),
        ("lessthan", left < right),
        ("equals", left == right),
    ):
        if operator.endswith(suffix):
            return holds
    raise AssertionError(operator)


def _condition_holds(operator: str, key: str, wanted: list[str], context: dict[str, str]) -> bool:
    found = [v for k, v in context.items() if k.lower() == key.lower()]
    operator = operator.lower()
    if not found:
        return operator in NEGATED
    hits = [_base(operator, found[0], w) for w in wanted]
    return not any(hits) if operator in NEGATED else any(hits)


def _principal_admitted(principal: Any, caller: Principal | None) -> bool:
    if caller is None:
        return False
    if principal == "*":
        return True
    for value in _listed(principal.get(caller.kind, [])):
        root = re.fullmatch(r"acs:ram::([^:]*):root|(\d+)", value) if caller.kind == "RAM" else None
        if root:
            account = caller.value.split(":")[3] if caller.value.startswith("acs:ram::") else caller.value
            if fnmatch.fnmatchcase(account, root.group(1) or root.group(2)):
                return True
        if _glob(caller.value, value, fold=caller.kind == "Service"):
            return True
    return False


def _matches(statement: dict[str, Any], request: Request) -> bool:
    if "Action" in statement:
        if not any(_glob(request.action, p, fold=True) for p in _listed(statement["Action"])):
            return False
    elif any(_glob(request.action, p, fold=True) for p in _listed(statement["NotAction"])):
        return False
    if "Resource" in statement and not any(
        _glob(request.resource, p, fold=False) for p in statement["Resource"]
    ):
        return False
    if "NotResource" in statement and any(
        _glob(request.resource, p, fold=False) for p in statement["NotResource"]
    ):
        return False
    if "Principal" in statement and not _principal_admitted(statement["Principal"], request.principal):
        return False
    raw_context = dict(request.context)
    return all(
        _condition_holds(operator, key, values, raw_context)
        for operator, keys in statement.get("Condition", {}).items()
        for key, values in keys.items()
    )


def oracle(documents: list[list[dict[str, Any]]], request: Request) -> tuple[str, int | None, int | None]:
    for effect, kind in (("Deny", "explicit-deny"), ("Allow", "allow")):
        for d, statements in enumerate(documents):
            for s, statement in enumerate(statements):
                if statement["Effect"] == effect and _matches(statement, request):
                    return kind, d, s
    return "implicit-deny", None, None


def _decided(documents: list[list[dict[str, Any]]], request: Request) -> tuple[str, int | None, int | None]:
    compiled = [
        compile_policy(parse_document(json.dumps({"Version": "1", "Statement": d})), name=f"d{i}")
        for i, d in enumerate(documents)
    ]
    decision = evaluate(compiled, request)
    where = decision.statement
    return decision.kind, where and where.document_index, where and where.statement_index


@settings(max_examples=350, deadline=None)
@given(data=st.data(), trust=st.booleans())
def test_documents_agree_with_the_oracle(data: st.DataObject, trust: bool) -> None:
    """Permission policies (up to two documents) and trust policies (one), with requests to match."""
    statement_lists = st.lists(statements(trust=trust), min_size=1, max_size=3 if trust else 4)
    documents = data.draw(st.lists(statement_lists, min_size=1, max_size=1 if trust else 2))
    request = data.draw(requests(trust=trust))
    assert _decided(documents, request) == oracle(documents, request)


@st.composite
def conditioned(draw: st.DrawFn) -> dict[str, Any]:
    """A statement that matches every action and resource: only its conditions decide."""
    effect = draw(st.sampled_from(["Allow", "Deny"]))
    return {"Effect": effect, "Action": "*", "Resource": "*", "Condition": draw(conditions(least=1))}


@settings(max_examples=250, deadline=None)
@given(statements=st.lists(conditioned(), min_size=1, max_size=3), request=requests(trust=False))
def test_conditions_agree_with_the_oracle(statements: list[dict[str, Any]], request: Request) -> None:
    assert _decided([statements], request) == oracle([statements], request)


def test_every_operator_and_value_pair_agrees_with_the_oracle() -> None:
    """Exhaustively over the pools: each operator, each policy value, each request value (or none)."""
    for operators, key, values in FAMILIES.values():
        for operator in operators:
            for wanted in values:
                statements = [
                    {
                        "Effect": "Allow",
                        "Action": "*",
                        "Resource": "*",
                        "Condition": {operator: {key: [wanted]}},
                    }
                ]
                for present in [None, *REQUEST_VALUES[key]]:
                    request = Request("ice:A", context={} if present is None else {key.upper(): present})
                    assert _decided([statements], request) == oracle([statements], request), (
                        operator,
                        wanted,
                        given,
                    )


def test_the_oracle_is_not_blind() -> None:
    """The oracle tells allow from deny on a hand-checked case (so agreement means something)."""
    documents = [
        [
            {"Effect": "Allow", "Action": "ice:Get*", "Resource": "*"},
            {"Effect": "Deny", "Action": "ice:GetX", "Resource": "*"},
        ]
    ]
    assert oracle(documents, Request("ice:getmediainfo")) == ("allow", 0, 0)
    assert oracle(documents, Request("ICE:GETX")) == ("explicit-deny", 0, 1)
    assert oracle(documents, Request("oss:PutObject")) == ("implicit-deny", None, None)
