"""`icekit plan STACK...`: several stacks in one process, reports in the order given, the worst exit code,
nothing written for any stack when one is invalid."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from icekit.cli import cli
from icekit.errors import UserInputError
from icekit.plan.stacks import StackPlan, plan_stacks, worker_count
from tests.plan.test_cli_e2e import tree_bytes

ORDER = ("prod", "dev", "staging")  # not sorted: the output follows the order given


def plan(project: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["plan", *args, "--project-dir", str(project)], catch_exceptions=False)


def _break(project: Path, stack: str) -> None:
    path = project / "stacks" / f"Pulumi.{stack}.yaml"
    document: dict[str, Any] = yaml.safe_load(path.read_text())
    document["config"]["icekit:apps"][0]["bogus"] = True
    path.write_text(yaml.safe_dump(document))


def test_several_stacks_in_the_order_given_with_the_worst_exit_code(project: Path) -> None:
    out = project / "build"
    alone = {
        stack: plan(project, stack, "--format", "json", "--out", str(project / stack)) for stack in ORDER
    }
    result = plan(project, *ORDER, "--format", "json", "--out", str(out))

    documents = json.loads(result.stdout)
    assert [document["stack"] for document in documents] == list(ORDER)
    for stack, document in zip(ORDER, documents, strict=True):
        single = json.loads(alone[stack].stdout)
        moved = [path.replace(f"{project}/{stack}/", f"{out}/") for path in single["files"]]
        assert document["files"] == moved
        assert {k: v for k, v in document.items() if k != "files"} == {
            k: v for k, v in single.items() if k != "files"
        }
        assert tree_bytes(out / stack) == tree_bytes(project / stack / stack)
    assert result.exit_code == max(alone[stack].exit_code for stack in ORDER)
    assert result.exit_code in (0, 1)


def test_text_reports_follow_the_order_given(project: Path) -> None:
    result = plan(project, *ORDER, "--out", str(project / "build"))
    headers = [line for line in result.stdout.splitlines() if line.startswith("Plan of stack ")]
    assert [header.split()[3] for header in headers] == list(ORDER)


def test_one_invalid_stack_exits_2_and_writes_no_stack(project: Path) -> None:
    _break(project, "staging")
    (project / "stacks" / "Pulumi.dev.yaml").write_text("config:\n  icekit:apps: [unclosed\n")
    out = project / "build"
    result = plan(project, *ORDER, "--out", str(out))
    assert result.exit_code == 2
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    # every invalid stack is named, in the order given
    assert len(errors) == 2 and all(line.startswith("error: ") for line in errors)
    assert "Pulumi.dev.yaml" in errors[0] and "icekit:apps[0].bogus" in errors[1]
    assert not out.exists()


def test_a_foreign_output_directory_blocks_every_stack(project: Path) -> None:
    out = project / "build"
    (out / "staging").mkdir(parents=True)
    (out / "staging" / "notes.txt").write_text("mine\n")
    before = tree_bytes(out)
    result = plan(project, *ORDER, "--out", str(out))
    assert result.exit_code == 2
    assert "build/staging: exists and was not written by icekit" in result.stderr
    assert tree_bytes(out) == before
    assert not (out / "prod").exists() and not (out / "dev").exists()


def test_a_stack_given_twice_is_an_error(project: Path) -> None:
    result = plan(project, "dev", "stacks/Pulumi.dev.yaml", "--out", str(project / "build"))
    assert result.exit_code == 2
    assert "stack 'dev' given twice" in result.stderr
    assert not (project / "build").exists()


def test_no_stack_is_a_usage_error(project: Path) -> None:
    assert plan(project).exit_code == 2


def test_workers_give_what_this_process_gives_in_the_order_given(project: Path) -> None:
    _break(project, "staging")
    stacks = [*ORDER, "qa"]
    here = plan_stacks(stacks, project, workers=0)
    workers = plan_stacks(stacks, project, workers=2)
    assert [type(outcome) for outcome in workers] == [StackPlan, StackPlan, UserInputError, UserInputError]
    for mine, theirs in zip(here, workers, strict=True):
        if isinstance(mine, UserInputError):
            assert isinstance(theirs, UserInputError) and str(theirs) == str(mine)
        else:
            assert isinstance(theirs, StackPlan)
            assert theirs.plan.model_dump(mode="json") == mine.plan.model_dump(mode="json")
            assert (theirs.findings, theirs.files) == (mine.findings, mine.files)


def test_worker_count_plans_few_stacks_here() -> None:
    assert worker_count(1) == 0
    assert worker_count(3) == 0
    assert worker_count(64) in (0, *range(2, 65))
