"""The packages whose names are imported on first use (icekit.lazy) say the same thing three times: in
`__all__`, under `if TYPE_CHECKING:` (what mypy reads) and in the homes given to `lazy_attributes` (what
runs). These tests hold the three together, and check that importing such a package imports none of its
homes."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

LAZY_PACKAGES = ("icekit.models", "icekit.clientconfig", "icekit.render")


def _type_checking_names(package: str) -> dict[str, str]:
    """name -> the module it is imported from under `if TYPE_CHECKING:` (None for a bare annotation)."""
    source = Path(importlib.import_module(package).__file__ or "").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom):
                    names.update({alias.name: statement.module or "" for alias in statement.names})
                elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                    names[statement.target.id] = ""
    return names


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_all_type_checking_and_run_time_agree(package: str) -> None:
    module = importlib.import_module(package)
    declared = _type_checking_names(package)
    assert sorted(module.__all__) == sorted(declared)
    for name, home in declared.items():
        value = getattr(module, name)
        if home:
            assert value is getattr(importlib.import_module(home), name), name
    public = {name for name in dir(module) if not name.startswith("_")}
    submodules = {name for name in public if f"{package}.{name}" in sys.modules}
    assert public - submodules - {"TYPE_CHECKING", "annotations", "lazy_attributes", "Any"} == set(
        module.__all__
    )
    with pytest.raises(AttributeError, match="no_such_name"):
        module.no_such_name  # noqa: B018


def test_snippet_models_are_the_models_of_the_kinds() -> None:
    from icekit.models import SNIPPET_MODELS, FileInfo, MediaMetaData
    from icekit.models.snippets import SNIPPET_KINDS, snippet_model

    assert tuple(SNIPPET_MODELS) == SNIPPET_KINDS
    assert SNIPPET_MODELS["file-info"] is FileInfo is snippet_model("file-info")
    assert SNIPPET_MODELS["media-metadata"] is MediaMetaData
    assert all(snippet_model(kind).WIRE_NAME for kind in SNIPPET_KINDS)


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_importing_the_package_imports_none_of_its_homes(package: str) -> None:
    code = (
        f"import sys, {package}\n"
        f"print(sorted(m for m in sys.modules if m.startswith('{package}.') or m in ('pydantic', 'jinja2')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
