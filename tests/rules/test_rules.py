"""Every rule against its fixtures, and every rule has at least one failing and one passing fixture."""

from __future__ import annotations

import pytest

from icekit.rules import RULES, rule_by_id
from icekit.rules.engine import run_rule
from tests.rules.cases import CASES, Case


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule_id}-{c.name}" for c in CASES])
def test_rule_fixture(case: Case) -> None:
    findings = run_rule(rule_by_id(case.rule_id), case.resources, case.context)
    assert {f.ruleId for f in findings} <= {case.rule_id}
    assert bool(findings) is case.fails, [f.message for f in findings]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_failing_and_passing_fixture(rule: type) -> None:
    outcomes = {c.fails for c in CASES if c.rule_id == rule.id}  # type: ignore[attr-defined]
    assert outcomes == {True, False}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_metadata(rule: type) -> None:
    for attr in ("id", "slug", "title", "severity", "enforcement", "rationale", "fix", "scope"):
        assert getattr(rule, attr), attr
    assert rule.enforcement in ("advisory", "mandatory")  # type: ignore[attr-defined]
    assert rule.severity in ("low", "medium", "high", "critical")  # type: ignore[attr-defined]
    assert rule.__module__.split(".")[-1].startswith(rule.id.lower())  # type: ignore[attr-defined]


def test_rule_ids_unique_and_grouped() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    prefixes = {"RAM": "1", "STS": "2", "OSS": "3", "CB": "4", "ICE": "5"}
    for rule_id in ids:
        prefix = rule_id.rstrip("0123456789")
        assert rule_id[len(prefix)] == prefixes[prefix], rule_id


def test_retiring_event_names_the_mediaconvert_replacements() -> None:
    from tests.rules.builders import callback, ctx

    [parent, sub] = run_rule(
        rule_by_id("CB405"), [callback(events=["TranscodeParentComplete", "TranscodeComplete"])], ctx()
    )
    assert parent.enforcement == "advisory" and parent.declarationPath == "icekit:callbacks.hooks"
    assert "TranscodeParentComplete is announced to go offline on 2025-12-31" in parent.message
    assert "subscribe to MediaConvertComplete instead" in parent.message
    assert "MediaConvertOutputComplete or MediaConvertOutputGroupComplete" in sub.message


def test_refresh_without_audio_or_video_is_a_least_privilege_finding() -> None:
    from tests.rules.builders import ctx, profile

    [finding] = run_rule(
        rule_by_id("RAM107"), [profile(fileTypes=["image"], actions=["RefreshUploadMedia"])], ctx()
    )
    assert finding.declarationPath == "icekit:apps[0]"
    assert (
        "renews audio and video credentials only" in finding.message
        and "uploads only image" in finding.message
    )
