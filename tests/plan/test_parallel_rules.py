"""A large plan's rules in two processes (icekit.plan.checks): the findings of one evaluation, whichever part
found them; one process for a small plan, on one core, or while another thread runs."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator

import pytest
import yaml

import icekit.plan.checks as checks
import icekit.plan.fork as fork
from bench.scaled_stack import scaled_stack_document
from icekit.facts.type_tokens import WORKFLOW_TEMPLATE
from icekit.plan.engine import run_plan
from icekit.plan.model import PlanResult
from icekit.rules.finding import Finding
from tests.plan.conftest import PROJECT_ROOT

APPS = 12


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> PlanResult:
    """prod with APPS apps, every third without its required acs:SourceIp (RAM106 on its policy: a resource
    rule), one of those suppressed, and the plan's workflow template left out (ICE504 on the profiles that
    name it: a stack rule)."""
    root = tmp_path_factory.mktemp("seeded")
    (root / "stacks").mkdir()
    shutil.copy(PROJECT_ROOT / "Pulumi.yaml", root / "Pulumi.yaml")
    document = scaled_stack_document(PROJECT_ROOT / "stacks" / "Pulumi.prod.yaml", APPS)
    config = document["config"]
    for app in config["icekit:apps"][::3]:
        app.get("conditions", {}).pop("sourceIp", None)
    suppressed = config["icekit:apps"][APPS - 3]["name"]  # in the part the child checks
    config["icekit:suppressions"] = [{"rule": "RAM106", "resource": suppressed, "reason": "a test of flags"}]
    (root / "stacks" / "Pulumi.seeded.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    plan = run_plan("seeded", root)
    kept = [resource for resource in plan.resources if resource.type != WORKFLOW_TEMPLATE]
    assert len(kept) < len(plan.resources)
    return plan.model_copy(update={"resources": kept})


def _rule_ids(findings: list[Finding]) -> set[str]:
    return {finding.ruleId for finding in findings}


def test_two_processes_find_what_one_finds_in_the_same_order(seeded: PlanResult) -> None:
    one = checks.evaluate_plan(seeded, processes=1)
    two = checks.evaluate_plan(seeded, processes=2)
    assert two == one
    assert {"RAM106", "ICE504"} <= _rule_ids(one)
    assert any(finding.suppressed for finding in one) and not all(finding.suppressed for finding in one)
    # findings on resources of both parts: the first ones checked here, the last ones in the child
    urns = [resource.urn for resource in seeded.resources]
    cut = int(len(urns) * checks.SHARE_CHECKED_HERE)
    where = {urns.index(f.resourceUrn) for f in one if f.ruleId == "RAM106" and f.resourceUrn}
    assert min(where) < cut <= max(where)


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    started: list[str] = []
    start_child = fork.start_child

    def recording(call: object, label: str) -> fork.ForkedCall:
        started.append(label)
        return start_child(call, label)  # type: ignore[arg-type]

    monkeypatch.setattr(fork, "start_child", recording)
    yield started


def test_a_large_plan_on_several_cores_forks_one_child(
    seeded: PlanResult, children: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checks, "PARALLEL_RULES_ABOVE", 0)
    monkeypatch.setattr(fork, "usable_cores", lambda: 2)
    assert checks.evaluate_plan(seeded) == checks.evaluate_plan(seeded, processes=1)
    assert children == ["the rules on the plan's last resources"]


def test_one_process_for_a_small_plan_one_core_or_another_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fork, "usable_cores", lambda: 2)
    assert checks.rule_processes(checks.PARALLEL_RULES_ABOVE) == 1
    assert checks.rule_processes(checks.PARALLEL_RULES_ABOVE + 1) == 2
    monkeypatch.setattr(fork, "usable_cores", lambda: 1)
    assert checks.rule_processes(checks.PARALLEL_RULES_ABOVE + 1) == 1
    monkeypatch.setattr(fork, "usable_cores", lambda: 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert checks.rule_processes(checks.PARALLEL_RULES_ABOVE + 1) == 1
    finally:
        stop.set()
        other.join()


def test_a_rule_that_fails_in_the_child_fails_the_evaluation(
    seeded: PlanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    from icekit.rules.ice.ice504_declared_workflow import DeclaredWorkflow

    def broken(*_args: object) -> None:
        raise RuntimeError("a broken stack rule")

    monkeypatch.setattr(DeclaredWorkflow, "check", classmethod(broken))
    with pytest.raises(fork.ChildFailed, match="a broken stack rule"):
        checks.evaluate_plan(seeded, processes=2)
