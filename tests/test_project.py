"""icekit.project: the one reader of Pulumi.yaml, and the one way to find, list and name stacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from icekit.errors import UserInputError
from icekit.project import (
    locate_stack,
    read_project,
    read_project_if_present,
    stack_file_name,
    stack_name_of,
)

ROOT = Path(__file__).resolve().parents[1]


def _project(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "Pulumi.yaml").write_text(text, encoding="utf-8")
    return root


def test_stack_config_dir_is_honoured(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "name: icekit\nstackConfigDir: infra/stacks\n")
    (root / "infra" / "stacks").mkdir(parents=True)
    for stack in ("prod", "dev"):
        (root / "infra" / "stacks" / stack_file_name(stack)).write_text("config: {}\n")
    (root / "infra" / "stacks" / "Pulumi.a.b.yaml").write_text("config: {}\n")
    (root / "infra" / "stacks" / "Pulumi.dir.yaml").mkdir()
    project = read_project(root)
    assert project.stack_names() == ["dev", "prod"]
    assert project.stack_label("dev") == "infra/stacks/Pulumi.dev.yaml"
    location = locate_stack("dev", root)
    assert (location.name, location.label) == ("dev", "infra/stacks/Pulumi.dev.yaml")
    with pytest.raises(UserInputError, match=r"unknown stack 'qa' \(known stacks: dev, prod\)"):
        locate_stack("qa", root)


def test_default_stack_dir_is_the_project_dir(tmp_path: Path) -> None:
    root = _project(tmp_path, "name: icekit\n")
    (root / "Pulumi.dev.yaml").write_text("config: {}\n")
    assert read_project(root).stack_names() == ["dev"]
    assert read_project(root).stack_label("dev") == "Pulumi.dev.yaml"


@pytest.mark.parametrize(
    ("text", "key_path", "message"),
    [
        ("name: [x\n", None, "not valid YAML at line 2, column 1"),
        ("- a\n", None, "a project file is a mapping"),
        ("runtime: python\n", "name", "missing or not a string"),
        ("name: icekit\nstackConfigDir: [stacks]\n", "stackConfigDir", "not a string"),
    ],
)
def test_broken_project_files(tmp_path: Path, text: str, key_path: str | None, message: str) -> None:
    root = _project(tmp_path, text)
    with pytest.raises(UserInputError) as caught:
        read_project(root)
    assert (caught.value.key_path, caught.value.message) == (key_path, message)
    assert caught.value.file == str(root / "Pulumi.yaml")


def test_no_project(tmp_path: Path) -> None:
    assert read_project_if_present(tmp_path) is None
    with pytest.raises(UserInputError, match="no Pulumi project here"):
        read_project(tmp_path)


def test_stack_names_of_files() -> None:
    assert stack_name_of(Path("x/Pulumi.dev.yaml")) == "dev"
    assert stack_name_of(Path("Pulumi.prod.yml")) == "prod"
    for bad in ("Pulumi.yaml", "Pulumi.a.b.yaml", "stack.yaml"):
        with pytest.raises(UserInputError, match=r"named Pulumi\.<stack>\.yaml"):
            stack_name_of(Path(bad))


def test_the_precommit_hook_matches_stack_files_wherever_they_live() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hook["files"])
    for path in ("stacks/Pulumi.dev.yaml", "infra/stacks/Pulumi.prod.yaml", stack_file_name("qa")):
        assert pattern.search(path), path
    for path in ("Pulumi.yaml", "stacks/Pulumi.a.b.yaml", "policies/PulumiPolicy.yaml"):
        assert not pattern.search(path), path
