"""The file set of a project made by `icekit init`, rendered from templates/ (deterministic: the same
options and installed versions give byte-identical files)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache

import jinja2

from icekit import __version__
from icekit.facts.ids import OFFLINE_ACCOUNT_ID
from icekit.project import PROJECT_FILE, stack_file_name
from icekit.scaffold.files import policy_pack_files
from icekit.scaffold.pins import pinned_requirements

__all__ = [
    "ACKNOWLEDGE_LABEL",
    "WORKFLOW_FILE",
    "ScaffoldOptions",
    "project_files",
    "project_name",
    "review_workflow",
]

WORKFLOW_FILE = ".github/workflows/icekit-review.yml"
ACKNOWLEDGE_LABEL = "icekit/broadening-approved"
STACK_DIR = "stacks"
# The Python the workflows run on: this repository's, the oldest supported; a new project's, the one `icekit
# init` ran on (its requirements.txt pins what was installed there).
_REFERENCE_PYTHON = "3.11"
_PROJECT_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
# What a pull request must touch to be reviewed.
_REFERENCE_PATHS = (
    "stacks/**",
    "components/**",
    "icekit/**",
    "policies/**",
    PROJECT_FILE,
    "__main__.py",
    "pyproject.toml",
    "uv.lock",
    WORKFLOW_FILE,
)
_PROJECT_PATHS = (
    f"{STACK_DIR}/**",
    "policies/**",
    PROJECT_FILE,
    "__main__.py",
    "requirements.txt",
    WORKFLOW_FILE,
)
# A placeholder VOD storage location id: 32 hex digits, obviously not a real one.
_PLACEHOLDER_LOCATION = "0" * 32


@dataclass(frozen=True)
class ScaffoldOptions:
    name: str  # the Pulumi project name
    region: str
    environments: tuple[str, ...]  # one stack each, named after it


@cache
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("icekit.scaffold", "templates"),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def _render(template: str, **values: object) -> str:
    return _templates().get_template(template).render(version=__version__, **values)


def review_workflow(*, reference: bool) -> str:
    """The review workflow: this repository's (reference) or a scaffolded project's."""
    return _render(
        "icekit-review.yml.j2",
        reference=reference,
        paths=_REFERENCE_PATHS if reference else _PROJECT_PATHS,
        python=_REFERENCE_PYTHON if reference else _PROJECT_PYTHON,
        ack_label=ACKNOWLEDGE_LABEL,
    )


def project_files(options: ScaffoldOptions) -> dict[str, str]:
    """Relative path -> text of every file of the new project."""
    common = {"name": options.name, "environments": options.environments}
    files = {
        PROJECT_FILE: _render("Pulumi.yaml.j2", **common),
        "__main__.py": _render("main.py.j2", **common),
        "requirements.txt": _render("requirements.txt.j2", pins=pinned_requirements()),
        ".pre-commit-config.yaml": _render("pre-commit-config.yaml.j2"),
        ".gitignore": _render("gitignore.j2"),
        WORKFLOW_FILE: review_workflow(reference=False),
        **policy_pack_files(),
    }
    for environment in options.environments:
        files[f"{STACK_DIR}/{stack_file_name(environment)}"] = _render(
            "stack.yaml.j2",
            **common,
            environment=environment,
            region=options.region,
            account=OFFLINE_ACCOUNT_ID,
            placeholder_location=_PLACEHOLDER_LOCATION,
        )
    return files


_NAME_PART = re.compile(r"[^A-Za-z0-9_.-]+")


def project_name(directory_name: str) -> str:
    """A Pulumi project name from a directory name (letters, digits, `_`, `.`, `-`)."""
    return _NAME_PART.sub("-", directory_name).strip("-.") or "icekit-project"
