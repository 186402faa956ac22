"""The packages whose names are imported on first use (icekit.lazy) list each name twice: in `__all__`, and
as an import under `if TYPE_CHECKING:` (what mypy reads, and where the name is looked up at run time).
These tests hold the two together, and check that importing such a package imports none of its homes."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from icekit.lazy import type_checking_imports

LAZY_PACKAGES = ("icekit.models", "icekit.clientconfig", "icekit.render", "icekit.upload")
# Names a package makes itself on first use (declared by an annotation under TYPE_CHECKING).
MADE = {"icekit.models": {"SNIPPET_MODELS"}}


def _source(package: str) -> str:
    return Path(importlib.import_module(package).__file__ or "").read_text(encoding="utf-8")


def test_the_homes_are_the_type_checking_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\nimport os\nif TYPE_CHECKING:\n"
        "    from a.b import C, d as e\n    import f\nif other:\n    from g import H\n"
    )
    assert type_checking_imports(source) == {"C": "a.b", "e": "a.b"}
    assert type_checking_imports(ast.unparse(ast.parse(source)).replace("TYPE_CHECKING:", "x:")) == {}


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_all_names_what_type_checking_imports(package: str) -> None:
    module = importlib.import_module(package)
    homes = type_checking_imports(_source(package))
    assert sorted(module.__all__) == sorted({*homes, *MADE.get(package, set())})
    for name, home in homes.items():
        assert getattr(module, name) is getattr(importlib.import_module(home), name), name
    with pytest.raises(AttributeError, match="no_such_name"):
        module.no_such_name  # noqa: B018
    assert set(module.__all__) <= set(dir(module))


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
