"""The grid (icekit.access.grid) decides a domain a statement at a time; the reference here decides every
request of the domain with `icekit.ram.evaluate`, one at a time. Both must agree on every point, on the
statement that decides, and on the order of the grants: on the bundled stacks' roles (their documents as
planned, and flawed copies of them) and on random documents of the evaluator's oracle grammar."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from icekit.access.answers import compiled, grants, trusts
from icekit.access.breadth import SourceReach
from icekit.access.domain import UPLOAD_PATH_ACTIONS, Domain, domain_of
from icekit.access.roles import RoleDocuments, roles_of_plan
from icekit.access.table import documents, role_domains
from icekit.plan import run_plan
from icekit.ram import CompiledPolicy, DecidingStatement, PolicyDocument, compile_policy, evaluate
from icekit.ram.compiled import CompiledStatement
from icekit.ram.ice_actions import ice_actions
from icekit.ram.names import ASSUME_ROLE, SOURCE_IP
from icekit.ram.parse import parse_document
from icekit.ram.serialize import document_data
from tests.ram.test_evaluate_oracle import statements

ROOT = Path(__file__).resolve().parents[2]
ACCOUNT = "1234567890123456"
_LISTED = frozenset(a.casefold() for a in (*ice_actions(), *UPLOAD_PATH_ACTIONS))


def _by_requests(
    policies: list[CompiledPolicy], domain: Domain
) -> tuple[dict[tuple[str, str], frozenset[int]], dict[tuple[str, str], DecidingStatement]]:
    """Every (action, resource, context) of the domain decided by evaluate, in the domain's order."""
    allowed: dict[tuple[str, str], frozenset[int]] = {}
    deciders: dict[tuple[str, str], DecidingStatement] = {}
    for action in domain.actions:
        for resource in domain.resources:
            hits = []
            for index in range(len(domain.contexts)):
                decision = evaluate(policies, domain.request(action, resource, index))
                if decision.allowed:
                    hits.append(index)
                    assert decision.statement is not None
                    deciders.setdefault((action, resource), decision.statement)
            if hits:
                allowed[(action, resource)] = frozenset(hits)
    return allowed, deciders


def _trusts_by_requests(
    trust: CompiledPolicy, domain: Domain
) -> tuple[dict[Any, frozenset[int]], dict[Any, Any]]:
    allowed, deciders = {}, {}
    for principal in domain.principals:
        hits = []
        for index in range(len(domain.contexts)):
            decision = evaluate([trust], domain.request(ASSUME_ROLE, "*", index, principal))
            if decision.allowed:
                hits.append(index)
                deciders.setdefault(principal, decision.statement)
        if hits:
            allowed[principal] = frozenset(hits)
    return allowed, deciders


def _sources_agree(document: PolicyDocument, domain: Domain) -> None:
    """RAM106's question as it was first answered, on `domain`: each allowed request tried against the
    statement; and as SourceReach answers it."""
    reach = SourceReach(document, domain)
    allowed = _by_requests([compile_policy(document, name="document")], domain)[0]
    position = domain.axis(SOURCE_IP)
    trees = domain.axes[position].trees if position is not None else ()
    for index, item in enumerate(document.statements):
        statement = CompiledStatement.of(index, item)
        found = None
        for (action, resource), hits in allowed.items():
            through = [c for c in hits if statement.applies(domain.request(action, resource, c))]
            if not through:
                continue
            if position is None:
                found = "every address"
                break
            seen = {domain.contexts[c][position] for c in through}
            versions = [t for t in trees if {n.representative for n in t.walk() if n.representative} <= seen]
            if len(versions) == len(trees):
                found = "every address"
                break
            if versions:
                found = f"every IPv{versions[0].network.version} address"
                break
        assert reach.source_open(index) == found


def _fewer_actions(domain: Domain, every: int) -> Domain:
    """The domain with one listed action in `every` (and every action no list holds, and every probe), so
    that the reference, which decides each action on its own, stays quick."""
    actions = [a for i, a in enumerate(domain.actions) if i % every == 0 or a.casefold() not in _LISTED]
    return dataclasses.replace(domain, actions=tuple(actions))


def _agree(policies: list[CompiledPolicy], domain: Domain) -> None:
    allowed, deciders, _ = grants(policies, domain)
    expected, expected_deciders = _by_requests(policies, domain)
    assert list(allowed.items()) == list(expected.items())
    assert deciders == expected_deciders


def _flawed(document: PolicyDocument) -> PolicyDocument:
    """The document granting `ice:*` too, on every resource from anywhere, but for a Deny of plain HTTP
    deletes, and with its first statement's source networks dropped."""
    data = document_data(document.statements)
    data["Statement"][0].get("Condition", {}).pop("IpAddress", None)
    data["Statement"] += [
        {"Effect": "Allow", "Action": "ice:*", "Resource": "*"},
        {
            "Effect": "Deny",
            "Action": "ice:Delete*",
            "Resource": "*",
            "Condition": {"Bool": {"acs:SecureTransport": "false"}},
        },
    ]
    return parse_document(json.dumps(data))


@pytest.fixture(scope="module")
def bundled_roles() -> list[tuple[str, RoleDocuments]]:
    plans = [run_plan(stack, ROOT) for stack in ("dev", "staging", "prod")]
    return [(plan.region, role) for plan in plans for role in roles_of_plan(plan)]


def test_the_bundled_stacks_roles_are_decided_alike(bundled_roles: list[tuple[str, RoleDocuments]]) -> None:
    assert bundled_roles
    for region, role in bundled_roles:
        permission, trust_domain = role_domains([role], region=region, account=ACCOUNT)
        policies, _ = compiled(role.policies)
        _agree(policies, _fewer_actions(permission, 20))
        if role.trust is not None and role.trust.document is not None:
            trust = compile_policy(role.trust.document, name="trust")
            assert trusts(trust, trust_domain) == _trusts_by_requests(trust, trust_domain)
        for document in documents(role.policies):
            flawed = _flawed(document)
            flawed_domain = domain_of([flawed], region=region, account=ACCOUNT)
            _agree([compile_policy(flawed, name="flawed")], _fewer_actions(flawed_domain, 20))
            for candidate in (document, flawed):
                own = domain_of([candidate], region="*", account="*")
                _sources_agree(candidate, own if candidate is document else _fewer_actions(own, 20))


def _document(items: list[dict[str, Any]]) -> PolicyDocument:
    return parse_document(json.dumps({"Version": "1", "Statement": items}))


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(statements(trust=False), min_size=1, max_size=3), min_size=1, max_size=2))
def test_random_documents_are_decided_alike(documents_items: list[list[dict[str, Any]]]) -> None:
    docs = [_document(items) for items in documents_items]
    domain = domain_of(docs, region="cn-shanghai", account="1")
    assume(len(domain.contexts) <= 120)  # the reference decides each request on its own
    policies = [compile_policy(d, name=f"d{i}") for i, d in enumerate(docs)]
    _agree(policies, _fewer_actions(domain, 80))
    _sources_agree(docs[0], _fewer_actions(domain_of(docs[:1], region="*", account="*"), 80))


@settings(max_examples=150, deadline=None)
@given(st.lists(statements(trust=True), min_size=1, max_size=3))
def test_random_trust_policies_are_decided_alike(items: list[dict[str, Any]]) -> None:
    document = _document(items)
    domain = domain_of([document], region="cn-shanghai", account="111", actions=False)
    assume(len(domain.contexts) <= 300)
    trust = compile_policy(document, name="trust")
    assert trusts(trust, domain) == _trusts_by_requests(trust, domain)
