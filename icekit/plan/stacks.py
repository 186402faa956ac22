"""Finding a stack's file the way the Pulumi CLI does: `<project>/<stackConfigDir>/Pulumi.<stack>.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from icekit.errors import UserInputError

__all__ = ["ProjectInfo", "StackLocation", "known_stacks", "locate_stack", "read_project"]

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
        """The stack file relative to the project directory when it is inside it (stable across machines)."""
        try:
            return self.path.resolve().relative_to(self.project.directory.resolve()).as_posix()
        except ValueError:
            return str(self.path)


def read_project(project_dir: Path) -> ProjectInfo:
    """Name and stack directory from Pulumi.yaml (`stackConfigDir`, default: next to Pulumi.yaml)."""
    project_file = project_dir / PROJECT_FILE
    try:
        document = yaml.load(project_file.read_text(encoding="utf-8"), Loader=_FAST_LOADER)
    except FileNotFoundError:
        raise UserInputError("no Pulumi project here (use --project-dir)", file=project_file) from None
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
        if not path.is_file():
            raise UserInputError("stack file not found", file=path)
        name = path.name
        if not (name.startswith("Pulumi.") and name.endswith((".yaml", ".yml"))) or name.count(".") != 2:
            raise UserInputError("a stack file is named Pulumi.<stack>.yaml", file=path)
        project = read_project(project_dir if (project_dir / PROJECT_FILE).is_file() else _project_of(path))
        return StackLocation(name=name.split(".")[1], path=path, project=project)

    project = read_project(project_dir)
    path = project.stack_config_dir / f"Pulumi.{stack}.yaml"
    if not path.is_file():
        stacks = known_stacks(project)
        listed = ", ".join(stacks) if stacks else f"none in {project.stack_config_dir}"
        raise UserInputError(f"unknown stack {stack!r} (known stacks: {listed})", file=path)
    return StackLocation(name=stack, path=path, project=project)


def _project_of(stack_file: Path) -> Path:
    """The nearest directory above a stack file that holds Pulumi.yaml (stacks/ is one level down)."""
    for directory in stack_file.resolve().parents:
        if (directory / PROJECT_FILE).is_file():
            return directory
    raise UserInputError("no Pulumi.yaml above the stack file (use --project-dir)", file=stack_file)
