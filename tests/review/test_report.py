"""Verdicts across stacks, --fail-on, and the three formats on one synthetic review."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from icekit.report.json import json_document, render_json
from icekit.report.markdown import COMMENT_MARKER, MAX_COMMENT_CHARS, render_markdown
from icekit.report.model import Revision, StackSource
from icekit.report.sarif import render_sarif
from icekit.review.report import review_report
from icekit.review.verdict import build_review, combine
from icekit.rules.finding import Finding
from icekit.stack import StackFile
from tests.review.synthetic import (
    CREATE,
    GET_INFO,
    ICE_RESOURCE,
    OFFICE,
    allow,
    baseline,
    client_config,
    finding,
    plan,
    planned,
    policy,
)

BASE_REV = Revision("origin/main", "0123456789abcdef0123456789abcdef01234567")
HEAD_REV = Revision("working tree", None)


def _broadened() -> dict[str, Any]:
    head = baseline()
    head["resources"] = [
        policy(allow([CREATE, GET_INFO], "*", OFFICE)) if r["name"] == "upload-policy" else r
        for r in head["resources"]
    ]
    configs = {
        "mobile-video": client_config(
            callback={"kind": "http", "url": "https://x.example", "authEnabled": False, "queueName": None}
        )
    }
    head["clientConfigs"] = head["outputs"]["clientConfigs"] = configs
    return head


def _review(fail_on: str = "broadening", *, head_findings: tuple[Finding, ...] = ()) -> Any:
    sides = {
        "dev": (planned(baseline(), (finding("RAM102"),)), planned(_broadened(), head_findings)),
        "prod": (planned(baseline()), planned(baseline())),
        "qa": (None, planned(plan(stack="qa"))),
        "old": (planned(plan(stack="old")), None),
    }
    return build_review(BASE_REV, HEAD_REV, sides, fail_on)  # type: ignore[arg-type]


def test_verdict_per_stack_and_overall() -> None:
    review = _review()
    by_stack = {s.stack: (s.status, s.verdict) for s in review.stacks}
    assert by_stack == {
        "dev": ("changed", "broadening"),
        "old": ("removed", "neutral"),
        "prod": ("unchanged", "unchanged"),
        "qa": ("added", "neutral"),
    }
    assert review.verdict == "broadening"
    assert [s.stack for s in review.stacks] == ["dev", "old", "prod", "qa"]


def test_combine_orders_verdicts() -> None:
    assert combine([]) == "unchanged"
    assert combine(["neutral", "narrowing"]) == "narrowing"
    assert combine(["narrowing", "broadening", "neutral"]) == "broadening"


@pytest.mark.parametrize(
    ("fail_on", "mandatory_new", "failed"),
    [
        ("broadening", False, True),
        ("mandatory", False, False),
        ("mandatory", True, True),
        ("never", True, False),
    ],
)
def test_fail_on(fail_on: str, mandatory_new: bool, failed: bool) -> None:
    head_findings = (finding("OSS301", enforcement="mandatory"),) if mandatory_new else ()
    assert _review(fail_on, head_findings=head_findings).failed is failed


def test_markdown_comment() -> None:
    text = render_markdown(
        review_report(_review(head_findings=(finding("OSS301", enforcement="mandatory"),)))
    )
    lines = text.splitlines()
    assert lines[0] == COMMENT_MARKER
    assert lines[1] == "## icekit review: access broadened"
    assert "| `dev` | changed | **broadening** | +1 -1 | mobile-video changed | 1 new, 1 fixed |" in lines
    assert "### Stack `dev`: broadening" in lines
    assert "- policy icekit-dev-upload-policy: resource widened to *" in lines
    minus = next(line for line in lines if line.startswith("| - | Allow |"))
    plus = next(line for line in lines if line.startswith("| + | Allow |"))
    assert f"`{ICE_RESOURCE}`" in minus and "| `*` |" in plus
    assert "`Bool acs:SecureTransport = true`" in plus
    assert "| `callback.authEnabled` | `true` | `false` |" in lines
    assert "#### Findings: 1 new, 1 fixed, 0 unchanged" in lines
    assert any(line.startswith("| new | `OSS301` | high | mandatory |") for line in lines)
    assert "### Stack `qa`: neutral (added)" in lines
    assert "### Stack `old`: neutral (removed)" in lines
    assert text == render_markdown(
        review_report(_review(head_findings=(finding("OSS301", enforcement="mandatory"),)))
    )


def test_markdown_headline_when_nothing_broadens() -> None:
    sides = {"prod": (planned(baseline()), planned(baseline()))}
    text = render_markdown(review_report(build_review(BASE_REV, HEAD_REV, sides, "broadening")))
    assert "## icekit review: no changes" in text
    assert "passes" in text


def test_markdown_escapes_pipes_and_stays_under_the_comment_limit() -> None:
    head = baseline()
    head["resources"] = [policy(*[allow(f"ice:Action{i}|x", "*") for i in range(800)])]
    text = render_markdown(
        review_report(
            build_review(BASE_REV, HEAD_REV, {"dev": (planned(baseline()), planned(head))}, "never")
        )
    )
    assert len(text) <= MAX_COMMENT_CHARS
    assert "ice:Action0\\|x" in text
    assert text.rstrip().endswith("_Comment truncated: see the JSON report (`icekit review --format json`)._")


def test_json_carries_the_same_data_in_a_stable_order() -> None:
    review = _review()
    text = render_json(review_report(review))
    document = json.loads(text)
    assert list(document) == sorted(document)
    assert document["verdict"] == "broadening"
    assert document["base"] == {"commit": BASE_REV.commit, "ref": "origin/main"}
    dev = document["stacks"][0]
    assert dev["stack"] == "dev" and dev["verdict"] == "broadening"
    assert dev["broadeningReasons"] == ["policy icekit-dev-upload-policy: resource widened to *"]
    assert [(s["change"], s["resources"]) for s in dev["statements"]] == [("-", [ICE_RESOURCE]), ("+", ["*"])]
    assert dev["clientConfigs"] == [
        {
            "app": "mobile-video",
            "change": "changed",
            "fields": [
                {"base": "true", "head": "false", "path": "callback.authEnabled"},
                {
                    "base": '"https://hooks.example.com/ice"',
                    "head": '"https://x.example"',
                    "path": "callback.url",
                },
            ],
        }
    ]
    assert [f["ruleId"] for f in dev["findings"]["fixed"]] == ["RAM102"]
    assert text == render_json(review_report(_review()))
    assert json_document(review_report(review))["failed"] is True


def test_sarif_carries_only_new_findings_at_their_line() -> None:
    review = _review(head_findings=(finding("RAM102"), finding("OSS301", enforcement="mandatory")))
    stack_file = "config:\n  icekit:environment: dev\n  icekit:apps:\n    - name: mobile-video\n"
    lines = StackFile.from_text(Path("Pulumi.dev.yaml"), stack_file).lines
    review = replace(review, sources=(StackSource("dev", "infra/stacks/Pulumi.dev.yaml", lines),))
    sarif = json.loads(render_sarif(review_report(review)))
    [run] = sarif["runs"]
    assert [r["ruleId"] for r in run["results"]] == ["OSS301"]
    result = run["results"][0]
    assert result["level"] == "error"
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "infra/stacks/Pulumi.dev.yaml"
    assert physical["region"] == {"startLine": 4}  # icekit:apps[0]
    assert sarif["version"] == "2.1.0"
    assert render_sarif(review_report(review)) == render_sarif(review_report(review))


def test_an_added_empty_stack_is_neutral_not_unchanged() -> None:
    review = build_review(
        BASE_REV, HEAD_REV, {"qa": (None, planned(plan(stack="qa", configs={})))}, "broadening"
    )
    assert [(s.status, s.verdict) for s in review.stacks] == [("added", "neutral")]
    assert not review.failed


def test_a_new_suppression_alone_is_a_change() -> None:
    active = finding("RAM101")
    suppressed = finding("RAM101", suppressed=True, suppressionReason="accepted for the pilot")
    sides = {"dev": (planned(baseline(), (active,)), planned(baseline(), (suppressed,)))}
    [stack] = build_review(BASE_REV, HEAD_REV, sides, "broadening").stacks
    assert (stack.status, stack.verdict) == ("changed", "neutral")
    assert "| suppressed | `RAM101` |" in render_markdown(
        review_report(build_review(BASE_REV, HEAD_REV, sides, "never"))
    )
