"""What spans stacks (icekit.rules.set): `icekit check` over several stacks and `icekit review` report, as
mandatory findings naming both declarations, two stacks of one account and region that both set the event
callback (SET601) and role or policy names two stacks of one account both make (SET602)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from icekit.check import check_plans
from icekit.cli import cli
from icekit.plan import run_plan
from icekit.review.planned import PlannedStack
from icekit.review.run import with_stack_set_findings

ROOT = Path(__file__).resolve().parents[2]


def _stack(root: Path, name: str, edit: object = None) -> None:
    document = yaml.safe_load((ROOT / "stacks" / "Pulumi.dev.yaml").read_text(encoding="utf-8"))
    if callable(edit):
        edit(document["config"])
    (root / "stacks" / f"Pulumi.{name}.yaml").write_text(yaml.safe_dump(document, sort_keys=False), "utf-8")


def _rename_first_app(name: str) -> object:
    def edit(config: dict[str, object]) -> None:
        apps = config["icekit:apps"]
        assert isinstance(apps, list)
        apps[0]["name"] = name

    return edit


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    (root / "stacks").mkdir()
    shutil.copy(ROOT / "Pulumi.yaml", root / "Pulumi.yaml")
    _stack(root, "dev", lambda c: c["icekit:apps"].__setitem__(0, {**c["icekit:apps"][0], "name": "xx-yy"}))
    _stack(root, "dev-xx", _rename_first_app("yy"))  # icekit-dev-xx-yy, like dev's app xx-yy
    _stack(root, "qa")  # the same account and region as dev, and sets the event callback too
    _stack(root, "other", lambda c: c.update({"icekit:accountId": "9999999999999999"}))
    return root


def _findings(project: Path, *stacks: str) -> dict[str, list[dict[str, object]]]:
    report = check_plans([run_plan(stack, project) for stack in stacks])
    return {
        t.target: [
            {"rule": f.finding.ruleId, "path": f.finding.declarationPath, "message": f.finding.message,
             "enforcement": f.finding.enforcement, "line": f.line}
            for f in t.findings if f.finding.ruleId.startswith("SET")
        ]
        for t in report.targets
    }  # fmt: skip


def test_two_stacks_setting_one_regions_event_callback_are_both_told(project: Path) -> None:
    found = _findings(project, "dev", "qa")
    [dev] = [f for f in found["dev"] if f["rule"] == "SET601"]
    [qa] = [f for f in found["qa"] if f["rule"] == "SET601"]
    assert dev["enforcement"] == "mandatory" and dev["path"] == "icekit:eventCallback"
    assert dev["message"] == (
        "stack qa (stacks/Pulumi.qa.yaml: icekit:eventCallback) also sets the ICE event callback of account "
        "1234567890123456 in cn-shanghai; ICE keeps one per account and region, so the two overwrite each "
        "other"
    )
    assert "stack dev (stacks/Pulumi.dev.yaml: icekit:eventCallback)" in str(qa["message"])
    assert isinstance(dev["line"], int) and dev["line"] > 1  # located at its own stack file's key


def test_another_account_does_not_collide(project: Path) -> None:
    assert _findings(project, "dev", "other") == {"dev": [], "other": []}


def test_colliding_role_and_policy_names_name_both_declarations(project: Path) -> None:
    found = _findings(project, "dev", "dev-xx")
    names = sorted(str(f["message"]).split("'")[1] for f in found["dev"] if f["rule"] == "SET602")
    assert names == ["icekit-dev-xx-yy", "icekit-dev-xx-yy-upload"]
    [role] = [f for f in found["dev-xx"] if f["rule"] == "SET602" and "role name" in str(f["message"])]
    assert role["path"] == "icekit:apps[0]"
    assert role["message"] == (
        "role name 'icekit-dev-xx-yy' is also made by stack dev (stacks/Pulumi.dev.yaml: icekit:apps[0]) in "
        "account 1234567890123456"
    )


def test_check_over_several_stacks_fails_on_them(project: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", "--project-dir", str(project), "dev", "qa", "--format", "sarif"]
    )
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    rules = [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert rules[-1] == "SET601"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"SET601"}


def test_review_adds_them_to_each_sides_findings(project: Path) -> None:
    planned = {("head", s): PlannedStack(plan=run_plan(s, project)) for s in ("dev", "qa")}
    result = with_stack_set_findings(planned)
    assert [f.ruleId for f in result["head", "qa"].findings] == ["SET601"]
    assert "stack dev (stacks/Pulumi.dev.yaml" in result["head", "qa"].findings[0].message


def test_a_suppression_in_one_stack_silences_only_its_own(project: Path) -> None:
    path = project / "stacks" / "Pulumi.qa.yaml"
    text = path.read_text(encoding="utf-8")
    suppressed = text + (
        "  icekit:suppressions:\n"
        "    - {rule: SET601, resource: qa, reason: qa shares dev's callback on purpose}\n"
    )
    path.write_text(suppressed, encoding="utf-8")
    try:
        report = check_plans([run_plan(s, project) for s in ("dev", "qa")])
    finally:
        path.write_text(text, encoding="utf-8")
    by_stack = {
        t.target: [f.finding for f in t.findings if f.finding.ruleId == "SET601"] for t in report.targets
    }
    assert [f.suppressed for f in by_stack["qa"]] == [True]
    assert [f.suppressed for f in by_stack["dev"]] == [False]


def test_one_stack_or_one_given_twice_spans_nothing_and_builds_no_views(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icekit.plan.stack_set as stack_set
    from icekit.plan.stack_set import stack_set_findings

    plan = run_plan("dev", project)

    def no_views(*_args: object) -> object:
        raise AssertionError("a single stack's views were built for the stack-set rules")

    monkeypatch.setattr(stack_set, "views_from_plan_resources", no_views)
    assert stack_set_findings([plan]) == {"dev": []}
    assert stack_set_findings([plan, plan]) == {"dev": []}
    with pytest.raises(AssertionError, match="single stack"):  # two stacks: their views are built
        stack_set_findings([plan, run_plan("qa", project)])
