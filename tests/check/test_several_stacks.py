"""`icekit check STACK STACK ...`: formats over several stacks, the worst exit code, all-or-nothing --out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from icekit.check import check_stack
from icekit.report import render
from tests.support.cli import run_icekit
from tests.support.sarif_schema import sarif_validator

ROOT = Path(__file__).resolve().parents[2]
# The bundled dev stack declared as prod: prod requires acs:SourceIp (RAM106), which two apps lack.
STRICT = ("icekit:environment: dev", "icekit:environment: prod")
BROKEN = "config:\n  alicloud:region: cn-shanghai\n  icekit:apps: 5\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the clean dev stack, two stacks with mandatory findings, and an invalid one."""
    root = tmp_path_factory.mktemp("project")
    (root / "stacks").mkdir()
    shutil.copy(ROOT / "Pulumi.yaml", root / "Pulumi.yaml")
    dev = (ROOT / "stacks" / "Pulumi.dev.yaml").read_text(encoding="utf-8")
    assert STRICT[0] in dev
    (root / "stacks" / "Pulumi.dev.yaml").write_text(dev, encoding="utf-8")
    # each in an account of its own: stacks of one account and region that both set the event callback are a
    # finding of their own (SET601, tests/check/test_stack_set.py), not what these tests are about
    for name, account in (("strict-a", "1111111111111111"), ("strict-b", "2222222222222222")):
        text = dev.replace(*STRICT).replace('"1234567890123456"', f'"{account}"')
        (root / "stacks" / f"Pulumi.{name}.yaml").write_text(text, encoding="utf-8")
    (root / "stacks" / "Pulumi.broken.yaml").write_text(BROKEN, encoding="utf-8")
    return root


def invoke(project: Path, *args: str) -> tuple[int, str, str]:
    result = run_icekit("check", "--project-dir", str(project), *args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown"])
def test_one_stack_is_rendered_as_before(project: Path, fmt: str) -> None:
    code, out, _ = invoke(project, "strict-a", "--format", fmt)
    assert code == 1
    assert out == render(check_stack("strict-a", project), fmt)


def test_json_lists_every_stack_in_order(project: Path) -> None:
    code, out, _ = invoke(
        project, "strict-a", "dev", str(project / "stacks" / "Pulumi.strict-b.yaml"), "--format", "json"
    )
    assert code == 1
    document = json.loads(out)
    assert document["kind"] == "stacks" and document["version"] == "1"
    assert [s["target"] for s in document["stacks"]] == ["strict-a", "dev", "strict-b"]
    single = json.loads(render(check_stack("strict-a", project), "json"))
    assert document["stacks"][0] == single
    for key in ("total", "mandatory", "advisory", "suppressed"):
        assert document["summary"][key] == sum(s["summary"][key] for s in document["stacks"])
    assert document["summary"]["mandatory"] > 0


def test_sarif_is_one_run_pointing_at_each_stack_file(project: Path) -> None:
    code, out, _ = invoke(project, "strict-a", "strict-b", "dev", "--format", "sarif")
    assert code == 1
    document = json.loads(out)
    sarif_validator().validate(document)
    [run] = document["runs"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]
    per_stack = len(check_stack("strict-a", project).findings)
    assert per_stack > 0
    assert uris == ["stacks/Pulumi.strict-a.yaml"] * per_stack + ["stacks/Pulumi.strict-b.yaml"] * per_stack
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        "stacks/Pulumi.strict-a.yaml",
        "stacks/Pulumi.strict-b.yaml",
        "stacks/Pulumi.dev.yaml",
    ]
    assert [s["target"] for s in run["properties"]["stacks"]] == ["strict-a", "strict-b", "dev"]


def test_text_and_markdown_show_each_stack_in_turn(project: Path) -> None:
    code, out, _ = invoke(project, "dev", "strict-a")
    assert code == 1
    assert out.index("icekit check: dev (dev,") < out.index("icekit check: strict-a (prod,")
    mandatory = check_stack("strict-a", project).counts()["mandatory"]
    assert out.rstrip().splitlines()[-1].startswith(f"2 stacks: {mandatory} mandatory, 0 advisory")
    code, out, _ = invoke(project, "dev", "strict-a", "--format", "markdown")
    assert out.index("### icekit check: `dev` (dev) passes") < out.index("### icekit check: `strict-a`")


def test_exit_code_is_the_worst(project: Path) -> None:
    assert invoke(project, "dev", str(project / "stacks" / "Pulumi.dev.yaml"))[0] == 0
    assert invoke(project, "dev", "strict-a", "dev")[0] == 1
    assert invoke(project, "dev", "strict-a", "broken")[0] == 2


def test_invalid_stacks_are_all_named_and_nothing_is_written(project: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "report.sarif"
    out_file.write_text("previous report\n", encoding="utf-8")
    code, out, err = invoke(
        project, "strict-a", "broken", "no-such-stack", "--format", "sarif", "--out", str(out_file)
    )
    assert code == 2 and out == ""
    errors = err.splitlines()
    assert errors[0].startswith("error: ") and "Pulumi.broken.yaml: " in errors[0]
    assert any(line.startswith("error: ") and "no-such-stack" in line for line in errors[1:])
    assert out_file.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]


def test_out_summarises_every_stack(project: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "all.json"
    code, out, _ = invoke(project, "dev", "strict-a", "--format", "json", "--out", str(out_file))
    assert code == 1
    summary = json.loads(out_file.read_text(encoding="utf-8"))["summary"]
    assert out == (
        f"wrote {out_file}: {summary['mandatory']} mandatory, {summary['advisory']} advisory, "
        f"{summary['suppressed']} suppressed (2 stacks)\n"
    )


def test_each_stack_is_planned_and_checked_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import icekit.check.run
    import icekit.plan.checks
    import icekit.plan.engine

    planned: list[str] = []
    checked: list[str] = []
    run_plan, evaluate_plan = icekit.plan.engine.run_plan, icekit.plan.checks.evaluate_plan

    def counted_plan(stack: str, *args: Any, **kwargs: Any) -> Any:
        planned.append(stack)
        return run_plan(stack, *args, **kwargs)

    def counted_check(plan: Any) -> Any:
        checked.append(plan.stack)
        return evaluate_plan(plan)

    monkeypatch.setattr(icekit.plan.engine, "run_plan", counted_plan)
    for module in (icekit.plan.checks, icekit.check.run):  # where the stacks' plans and check's own look
        monkeypatch.setattr(module, "evaluate_plan", counted_check)
    assert invoke(project, "dev", "strict-a", "--format", "json")[0] == 1
    assert planned == ["dev", "strict-a"]
    assert checked == ["dev", "strict-a"]
