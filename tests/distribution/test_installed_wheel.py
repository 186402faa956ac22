"""The wheel, installed into a fresh virtual environment of each supported Python this machine has, run
from a directory outside the checkout: schema, validate, plan, check and render work and agree with the
checkout."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.distribution.commands import CHECKOUT_ICEKIT, PlanArtefacts, plan_dev, run_icekit, tree
from tests.distribution.interpreters import find_interpreter, search_description, supported_versions
from tests.distribution.scaffold import assert_scaffold_works
from tests.distribution.tools import CONSTRAINTS, ROOT, clean_environment
from tests.distribution.wheel import Distributions, install_wheel, pinned_versions
from tests.models.samples import MEDIA_METADATA_EXAMPLE

pytestmark = pytest.mark.wheel_smoke


def _assert_pinned(freeze: str, wheel: Path) -> None:
    """icekit from the wheel, and every dependency at uv.lock's version."""
    assert f"icekit @ {wheel.as_uri()}" in freeze.splitlines()
    installed = pinned_versions(freeze)
    pins = pinned_versions(CONSTRAINTS.read_text(encoding="utf-8"))
    unpinned = sorted(set(installed) - set(pins))
    assert unpinned == [], f"installed but not in {CONSTRAINTS.name}: {unpinned}"
    assert {name: pins[name] for name in installed} == installed


def _assert_imports_from(venv: Path, work: Path) -> None:
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import icekit; print(icekit.__file__)"],
        cwd=work,
        env=clean_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    location = Path(done.stdout.strip()).resolve()
    assert location.is_relative_to(venv.resolve()) and not location.is_relative_to(ROOT)


_COMPONENTS_PROBE = """
import importlib.util, json
import icekit.components.program, icekit.program
print(json.dumps([importlib.util.find_spec("components") is None, icekit.program.components_package()]))
"""


def _assert_components_under_icekit(venv: Path, work: Path) -> None:
    """The components are icekit.components; site-packages holds no top-level `components`."""
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-I", "-c", _COMPONENTS_PROBE],
        cwd=work,
        env=clean_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == [True, "icekit.components"]


def _assert_schema_and_validate(icekit: Path, work: Path) -> None:
    done = run_icekit(icekit, ["schema", "--out", "schemas"], work)
    assert (done.code, done.clean()) == (0, True), done.stderr
    assert tree(work / "schemas") == tree(ROOT / "schemas")
    (work / "meta.json").write_text(MEDIA_METADATA_EXAMPLE, encoding="utf-8")
    done = run_icekit(icekit, ["validate", "media-metadata", "meta.json"], work)
    assert (done.code, done.stderr) == (0, "")
    assert done == run_icekit(CHECKOUT_ICEKIT, ["validate", "media-metadata", "meta.json"], work)
    done = run_icekit(icekit, ["validate", "media-metadata", "-"], work, stdin='{"Title": ""}')
    assert done.code == 2 and done.clean() and done.stdout == ""
    assert "error: <stdin>: MediaMetaData.Title: must not be empty" in done.stderr


def _assert_check(icekit: Path, work: Path) -> None:
    done = run_icekit(icekit, ["check", "dev", "staging", "prod", "--project-dir", "project"], work)
    assert (done.code, done.clean()) == (0, True), done.stdout + done.stderr
    assert "3 stacks: 0 mandatory, 0 advisory, 0 suppressed (0 findings)" in done.stdout


def _assert_render(icekit: Path, work: Path, plan: PlanArtefacts) -> None:
    """The plan's stack outputs rendered as real `pulumi stack output --json` would be: the same files."""
    (work / "outputs.json").write_text(json.dumps(plan.outputs), encoding="utf-8")
    done = run_icekit(icekit, ["render", "--outputs", "outputs.json", "--out", "rendered"], work)
    assert done.code == 0 and done.clean(), done.stderr
    assert tree(work / "rendered" / "dev") == plan.files
    validated = run_icekit(
        icekit, ["validate", "client-config", "rendered/dev/mobile-video/client-config.json"], work
    )
    assert (validated.code, validated.stderr) == (0, "")


@pytest.mark.parametrize("version", supported_versions(), ids=lambda version: f"python{version}")
def test_installed_wheel_runs_outside_the_checkout(
    version: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    python = find_interpreter(version)
    if python is None:
        pytest.skip(search_description(version))
    # Asked for only now: a session without any of these interpreters builds nothing.
    distributions: Distributions = request.getfixturevalue("distributions")
    reference_plan: PlanArtefacts = request.getfixturevalue("reference_plan")
    venv = tmp_path / "venv"
    _assert_pinned(install_wheel(python, distributions.wheel, venv), distributions.wheel)
    work = tmp_path / "work"
    work.mkdir()
    _assert_imports_from(venv, work)
    _assert_components_under_icekit(venv, work)
    icekit = venv / "bin" / "icekit"
    _assert_schema_and_validate(icekit, work)
    plan = plan_dev(icekit, work)
    assert plan == reference_plan, "the installed wheel planned dev differently from the checkout"
    _assert_check(icekit, work)
    _assert_render(icekit, work, plan)
    assert_scaffold_works(icekit, work)
    shutil.rmtree(venv)  # ~180 MB; kept when the test fails, for a look
