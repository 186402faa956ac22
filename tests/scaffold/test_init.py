"""`icekit init`: the file set, determinism, refusals, and a scaffold that plans and checks on the installed
icekit (here: this checkout's; tests/distribution runs it from the wheel)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from icekit import __version__
from icekit.cli import cli
from icekit.plan import run_plan
from icekit.plan.checks import blocking, evaluate_plan
from icekit.program import has_own_components
from icekit.scaffold.project import WORKFLOW_FILE, review_workflow

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    ".gitignore",
    ".pre-commit-config.yaml",
    WORKFLOW_FILE,
    "Pulumi.yaml",
    "__main__.py",
    "policies/PulumiPolicy.yaml",
    "policies/__main__.py",
    "requirements.txt",
    "stacks/Pulumi.dev.yaml",
    "stacks/Pulumi.prod.yaml",
}


def _tree(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in directory.rglob("*") if p.is_file()}


def _init(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, ["init", *args])
    return done.exit_code, done.stdout, done.stderr


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("teams") / "media-infra"
    code, out, err = _init(str(target), "--region", "cn-shenzhen", "--environments", "dev,prod")
    assert (code, err) == (0, ""), out
    return target


def test_the_file_set(scaffold: Path) -> None:
    assert set(_tree(scaffold)) == EXPECTED
    project = yaml.safe_load((scaffold / "Pulumi.yaml").read_text(encoding="utf-8"))
    assert project["name"] == "media-infra" and project["stackConfigDir"] == "stacks"
    main = (scaffold / "__main__.py").read_text(encoding="utf-8")
    assert "from icekit.program import main" in main and not has_own_components(scaffold)
    for env in ("dev", "prod"):
        stack = yaml.safe_load((scaffold / "stacks" / f"Pulumi.{env}.yaml").read_text(encoding="utf-8"))
        assert stack["config"]["icekit:environment"] == env
        assert stack["config"]["alicloud:region"] == "cn-shenzhen"
        assert (scaffold / "stacks" / f"Pulumi.{env}.yaml").read_text(encoding="utf-8").startswith("# ")


def test_the_policy_pack_is_this_repository_s(scaffold: Path) -> None:
    for name in ("PulumiPolicy.yaml", "__main__.py"):
        assert (scaffold / "policies" / name).read_bytes() == (ROOT / "policies" / name).read_bytes()


def test_requirements_pin_icekit_and_every_dependency(scaffold: Path) -> None:
    lines = [
        line
        for line in (scaffold / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert f"icekit=={__version__}" in lines
    assert all("==" in line for line in lines)
    names = {line.split("==")[0] for line in lines}
    assert {"pulumi", "pulumi-alicloud", "pulumi-policy", "pydantic", "click"} <= names
    assert not {"pytest", "mypy", "ruff"} & names  # the closure of icekit's requirements, not the dev tools


def test_the_workflows_come_from_one_template(scaffold: Path) -> None:
    assert (ROOT / WORKFLOW_FILE).read_text(encoding="utf-8") == review_workflow(reference=True), (
        "the review workflow is stale: `make workflow`"
    )
    text = (scaffold / WORKFLOW_FILE).read_text(encoding="utf-8")
    assert text == review_workflow(reference=False)
    assert "--tool-from base" in text and "icekit/broadening-approved" in text
    assert 'git show "origin/${BASE_REF}:requirements.txt"' in text


def test_the_same_options_give_the_same_files(scaffold: Path, tmp_path: Path) -> None:
    again = tmp_path / "media-infra"
    code, _, _ = _init(str(again), "--region", "cn-shenzhen", "--environments", "dev,prod")
    assert code == 0
    assert _tree(again) == _tree(scaffold)


def test_a_second_init_refuses_and_writes_nothing(scaffold: Path) -> None:
    before = _tree(scaffold)
    code, out, err = _init(str(scaffold))
    assert code == 2 and out == ""
    assert err == f"error: {scaffold}: is not empty: icekit init writes into a new or empty directory\n"
    assert _tree(scaffold) == before


def test_a_non_empty_directory_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, _, err = _init(str(tmp_path))
    assert code == 2 and "is not empty" in err
    assert _tree(tmp_path) == {"notes.txt": b"mine\n"}


@pytest.mark.parametrize(
    ("environments", "message"),
    [
        ("dev,qa", "error: --environments: unknown environment 'qa' (allowed: dev, staging, prod)"),
        (",", "error: --environments: name at least one environment (allowed: dev, staging, prod)"),
        ("dev,dev", "error: --environments: an environment is named twice"),
    ],
)
def test_bad_environments_are_refused(tmp_path: Path, environments: str, message: str) -> None:
    code, _, err = _init(str(tmp_path / "new"), "--environments", environments)
    assert (code, err.strip()) == (2, message)
    assert not (tmp_path / "new").exists()


def test_an_unsupported_region_is_refused(tmp_path: Path) -> None:
    code, _, err = _init(str(tmp_path / "new"), "--region", "us-east-1")
    assert code == 2 and "us-east-1" in err and not (tmp_path / "new").exists()


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_every_stack_plans_clean(scaffold: Path, stack: str) -> None:
    plan = run_plan(stack, scaffold)
    assert {"icekit:profile:UploadProfile", "alicloud:ram/role:Role"} <= {r.type for r in plan.resources}
    assert blocking(evaluate_plan(plan)) == []
    assert set(plan.clientConfigs) == {"uploads"}


def test_the_precommit_hook_checks_the_changed_stacks(scaffold: Path, tmp_path: Path) -> None:
    """Run as pre-commit runs a `language: system` hook: the entry split like a shell, the matched files
    appended, in the repository root; the project's .venv is this environment."""
    import re
    import shlex
    import subprocess
    import sys

    [hook] = yaml.safe_load((scaffold / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0][
        "hooks"
    ]
    assert (hook["id"], hook["language"], hook["pass_filenames"]) == ("icekit-check", "system", True)
    project = tmp_path / "project"
    shutil.copytree(scaffold, project)
    files = [p for p in sorted(_tree(project)) if re.search(hook["files"], p)]
    (project / ".venv").symlink_to(Path(sys.executable).parent.parent)
    assert files == ["stacks/Pulumi.dev.yaml", "stacks/Pulumi.prod.yaml"]
    done = subprocess.run(
        [*shlex.split(hook["entry"]), *files], cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 stacks: 0 mandatory, 0 advisory, 0 suppressed (0 findings)" in done.stdout
