"""The Pulumi project: the only reader of `Pulumi.yaml`, and the one way to find, list and name its stacks.

A stack `dev` lives in `<project>/<stackConfigDir>/Pulumi.dev.yaml`, as the Pulumi CLI has it
(`stackConfigDir` defaults to the project directory itself). Plan, check, review, the Pulumi program (for the
stack file it names in messages) and the pre-commit entry (`icekit check FILE...`) all go through here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from icekit.errors import UserInputError, not_utf8_message

__all__ = [
    "PROJECT_FILE",
    "Project",
    "StackLocation",
    "locate_stack",
    "read_project",
    "read_project_if_present",
    "stack_file_name",
    "stack_name_of",
]

PROJECT_FILE = "Pulumi.yaml"
_STACK_FILE_PREFIX = "Pulumi."
_STACK_FILE_SUFFIXES = (".yaml", ".yml")
# libyaml's loader where PyYAML has it (same documents, faster).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def stack_file_name(stack: str) -> str:
    """`dev` -> `Pulumi.dev.yaml`."""
    return f"{_STACK_FILE_PREFIX}{stack}{_STACK_FILE_SUFFIXES[0]}"


def _named_stack(path: Path) -> str | None:
    name = path.name
    if not (name.startswith(_STACK_FILE_PREFIX) and name.endswith(_STACK_FILE_SUFFIXES)):
        return None
    return name.split(".")[1] if name.count(".") == 2 else None


def stack_name_of(stack_file: Path) -> str:
    """The stack a file is for: `Pulumi.<stack>.yaml` (or `.yml`)."""
    stack = _named_stack(stack_file)
    if stack is None:
        raise UserInputError("a stack file is named Pulumi.<stack>.yaml", file=stack_file)
    return stack


@dataclass(frozen=True)
class Project:
    """What Pulumi.yaml says about where things are: the project's name and its stack directory."""

    name: str
    directory: Path
    stack_config_dir: Path

    def stack_file(self, stack: str) -> Path:
        return self.stack_config_dir / stack_file_name(stack)

    def label(self, path: Path) -> str:
        """A file as users know it: relative to the project directory (`../` when outside), `/`-separated."""
        return Path(os.path.relpath(path.resolve(), self.directory.resolve())).as_posix()

    def stack_label(self, stack: str) -> str:
        """`stacks/Pulumi.dev.yaml` with `stackConfigDir: stacks`."""
        return self.label(self.stack_file(stack))

    def stack_names(self) -> list[str]:
        """The stacks declared here: one `Pulumi.<stack>.yaml` file each in the stack directory, sorted."""
        if not self.stack_config_dir.is_dir():
            return []
        names = (_named_stack(path) for path in self.stack_config_dir.glob(f"{_STACK_FILE_PREFIX}*.yaml"))
        return sorted(name for name in names if name is not None and self.stack_file(name).is_file())


def _read_document(project_file: Path) -> object:
    try:
        text = project_file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UserInputError(not_utf8_message(exc), file=project_file) from None
    except OSError as exc:
        raise UserInputError(
            f"cannot read the project file ({exc.strerror or exc})", file=project_file
        ) from None
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise UserInputError(f"not valid YAML{where}", file=project_file) from None


def read_project(project_dir: Path) -> Project:
    """The project in `project_dir`; a missing or broken Pulumi.yaml is a UserInputError naming it."""
    project = read_project_if_present(project_dir)
    if project is None:
        raise UserInputError("no Pulumi project here (use --project-dir)", file=project_dir / PROJECT_FILE)
    return project


def read_project_if_present(project_dir: Path) -> Project | None:
    """None when there is no Pulumi.yaml; one that cannot be read is an error, never taken for none (a review
    would count every stack as removed, a narrowing, and pass)."""
    project_file = project_dir / PROJECT_FILE
    if not project_file.exists():
        return None
    document = _read_document(project_file)
    if not isinstance(document, dict):
        raise UserInputError("a project file is a mapping", file=project_file)
    if not isinstance(document.get("name"), str):
        raise UserInputError("missing or not a string", file=project_file, key_path="name")
    config_dir = document.get("stackConfigDir")
    if config_dir is None:
        config_dir = "."
    if not isinstance(config_dir, str):
        raise UserInputError("not a string", file=project_file, key_path="stackConfigDir")
    return Project(name=document["name"], directory=project_dir, stack_config_dir=project_dir / config_dir)


@dataclass(frozen=True)
class StackLocation:
    """A stack's name, its file and the project it belongs to."""

    name: str
    path: Path
    project: Project

    @property
    def label(self) -> str:
        """The stack file relative to the project directory (stable across machines), `../` included when it
        lies outside: the plan's `stackFile` is always read against the project directory."""
        return self.project.label(self.path)


def _looks_like_path(stack: str) -> bool:
    return "/" in stack or "\\" in stack or stack.endswith(_STACK_FILE_SUFFIXES)


def locate_stack(stack: str, project_dir: Path) -> StackLocation:
    """A stack name (`dev`) or a stack file path; unknown names list the stacks that exist."""
    if _looks_like_path(stack):
        path = Path(stack)
        _require_file(path, "stack file not found")
        name = stack_name_of(path)
        project = read_project(project_dir if (project_dir / PROJECT_FILE).is_file() else _project_of(path))
        return StackLocation(name=name, path=path, project=project)

    project = read_project(project_dir)
    path = project.stack_file(stack)
    if not path.exists():
        stacks = project.stack_names()
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


def _project_of(stack_file: Path) -> Path:
    """The nearest directory above a stack file that holds Pulumi.yaml (stacks/ is one level down)."""
    for directory in stack_file.resolve().parents:
        if (directory / PROJECT_FILE).is_file():
            return directory
    raise UserInputError("no Pulumi.yaml above the stack file (use --project-dir)", file=stack_file)
