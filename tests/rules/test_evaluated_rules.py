"""RAM101, RAM104 and RAM106 judged by the evaluator's matching: what a wildcard or a NotAction reaches
against ICE's list, and whether a statement's requests are held to a network."""

from __future__ import annotations

from icekit.rules import rule_by_id
from icekit.rules.engine import run_rule
from tests.rules.builders import SECURE, ctx, policy, statement


def _messages(rule: str, *statements: dict[str, object], environment: str = "dev") -> list[str]:
    return [f.message for f in run_rule(rule_by_id(rule), (policy(*statements),), ctx(environment))]


def test_a_wildcard_says_what_it_reaches() -> None:
    assert _messages("RAM101", statement("ice:GetMediaInf?")) == [
        "Statement[0] allows wildcard action 'ice:GetMediaInf?': 1 ICE action (ice:GetMediaInfo), "
        "any ICE adds later"
    ]
    [star] = _messages("RAM101", statement("*"))
    assert star == (
        "Statement[0] allows wildcard action '*': 400 ICE actions, any ICE adds later, "
        "every action of every other service"
    )
    assert _messages("RAM101", statement("oss:*", "acs:oss:*:*:b/*")) == [
        "Statement[0] allows wildcard action 'oss:*': every oss action"
    ]


def test_a_not_action_says_what_it_grants() -> None:
    [message] = _messages("RAM104", statement(NotAction=["ice:Delete*"], Action=None))
    assert message == (
        "Statement[0] is an Allow with NotAction: it grants 356 ICE actions, any ICE adds later, "
        "every action of every other service"
    )


def test_source_ip_is_required_of_the_requests_not_of_the_text() -> None:
    held = statement("*", effect="Deny", condition={"NotIpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}})
    assert _messages("RAM106", statement(condition=SECURE), held, environment="prod") == []
    assert _messages("RAM106", statement(condition=SECURE), environment="prod") == [
        "Statement[0] lacks condition acs:SourceIp (required in prod)"
    ]
    everywhere = {**SECURE, "IpAddress": {"acs:SourceIp": ["0.0.0.0/0", "::/0"]}}
    assert _messages("RAM106", statement(condition=everywhere), environment="prod") == [
        "Statement[0] admits every address under acs:SourceIp (required in prod)"
    ]
    v4_only = {**SECURE, "IpAddress": {"acs:SourceIp": ["0.0.0.0/0"]}}
    assert _messages("RAM106", statement(condition=v4_only), environment="prod") == [
        "Statement[0] admits every IPv4 address under acs:SourceIp (required in prod)"
    ]
    office = {**SECURE, "IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}}
    assert _messages("RAM106", statement(condition=office), environment="prod") == []
