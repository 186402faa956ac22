"""Finding a stack's file the way the Pulumi CLI does: `<project>/<stackConfigDir>/Pulumi.<stack>.yaml`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from icekit.errors import UserInputError, not_utf8_message

__all__ = [
    "ProjectInfo",
    "StackLocation",
    "known_stacks",
    "locate_stack",
    "read_project",
    "stack_project_dir",
]

PROJECT_FILE = "Pulumi.yaml"
# libyaml's loader where PyYAML has it (same documents, faster).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ProjectInfo:
    name: str
    directory: Path
    stack_config_dir: Path


@dataclass(frozen=True)
class StackLocation:
    name: str
    path: Path
    project: ProjectInfo

    @property
    def label(self) -> str:
        """The stack file relative to the project directory (stable across machines), `../` included when it
        lies outside: the plan's `stackFile` is always read back against the project directory."""
        return Path(os.path.relpath(self.path.resolve(), self.project.directory.resolve())).as_posix()


def read_project(project_dir: Path) -> ProjectInfo:
    """Name and stack directory from Pulumi.yaml (`stackConfigDir`, default: next to Pulumi.yaml)."""
    project_file = project_dir / PROJECT_FILE
    try:
        document = yaml.load(project_file.read_text(encoding="utf-8"), Loader=_FAST_LOADER)
    except FileNotFoundError:
        raise UserInputError("no Pulumi project here (use --project-dir)", file=project_file) from None
    except UnicodeDecodeError as exc:
        raise UserInputError(not_utf8_message(exc), file=project_file) from None
    except (OSError, yaml.YAMLError) as exc:
        raise UserInputError(f"cannot read the project file ({exc})", file=project_file) from None
    if not isinstance(document, dict) or not isinstance(document.get("name"), str):
        raise UserInputError("missing or not a string", file=project_file, key_path="name")
    config_dir = document.get("stackConfigDir") or "."
    if not isinstance(config_dir, str):
        raise UserInputError("not a string", file=project_file, key_path="stackConfigDir")
    return ProjectInfo(
        name=document["name"], directory=project_dir, stack_config_dir=project_dir / config_dir
    )


def known_stacks(project: ProjectInfo) -> list[str]:
    return sorted(path.name.split(".")[1] for path in project.stack_config_dir.glob("Pulumi.*.yaml"))


def _looks_like_path(stack: str) -> bool:
    return "/" in stack or "\\" in stack or stack.endswith((".yaml", ".yml"))


def locate_stack(stack: str, project_dir: Path) -> StackLocation:
    """A stack name (`dev`) or a stack file path; unknown names list the stacks that exist."""
    if _looks_like_path(stack):
        path = Path(stack)
        _require_file(path, "stack file not found")
        name = path.name
        if not (name.startswith("Pulumi.") and name.endswith((".yaml", ".yml"))) or name.count(".") != 2:
            raise UserInputError("a stack file is named Pulumi.<stack>.yaml", file=path)
        project = read_project(project_dir if (project_dir / PROJECT_FILE).is_file() else _project_of(path))
        return StackLocation(name=name.split(".")[1], path=path, project=project)

    project = read_project(project_dir)
    path = project.stack_config_dir / f"Pulumi.{stack}.yaml"
    if not path.exists():
        stacks = known_stacks(project)
        listed = ", ".join(stacks) if stacks else f"none in {project.stack_config_dir}"
        raise UserInputError(f"unknown stack {stack!r} (known stacks: {listed})", file=path)
    _require_file(path, "stack file not found")
    return StackLocation(name=stack, path=path, project=project)


def _require_file(path: Path, missing: str) -> None:
    """A directory (or a device) where the stack file should be is named as such, not as a missing stack."""
    if path.is_file():
        return
    if path.is_dir():
        raise UserInputError("is a directory, not a stack file", file=path)
    if path.exists():
        raise UserInputError("is not a regular file", file=path)
    raise UserInputError(missing, file=path)


def stack_project_dir(stack: str, project_dir: Path) -> Path:
    """The project directory a stack belongs to, which its plan's `stackFile` is relative to: `project_dir`,
    or for a stack file path outside a project there, the nearest directory above it holding Pulumi.yaml."""
    return locate_stack(stack, project_dir).project.directory


def _project_of(stack_file: Path) -> Path:
    """The nearest directory above a stack file that holds Pulumi.yaml (stacks/ is one level down)."""
    for directory in stack_file.resolve().parents:
        if (directory / PROJECT_FILE).is_file():
            return directory
    raise UserInputError("no Pulumi.yaml above the stack file (use --project-dir)", file=stack_file)
