"""A stack given as a file path: its suppressions and lines come from that file, wherever the command runs.

The plan's `stackFile` is relative to the stack's own project directory; check and plan used to read it back
against --project-dir (default: the working directory), so a stack file in a project found above it (e.g.
pre-commit running `icekit check infra/stacks/Pulumi.prod.yaml` from the repository root) failed with
"cannot read the stack file", or read another file of the same name.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support.cli import run_icekit

ROOT = Path(__file__).resolve().parents[2]
SUPPRESSION = """\
  icekit:suppressions:
    - rule: CB401
      resource: hooks
      reason: "load-test receiver, removed after the test"
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root without Pulumi.yaml, the project in infra/: prod with plain HTTP, suppressed."""
    project = tmp_path / "infra"
    (project / "stacks").mkdir(parents=True)
    shutil.copy(ROOT / "Pulumi.yaml", project / "Pulumi.yaml")
    prod = (ROOT / "stacks" / "Pulumi.prod.yaml").read_text(encoding="utf-8")
    prod = prod.replace("url: https://hooks", "url: http://hooks").replace(
        "      kind: http\n", "      kind: http\n      allowInsecureHttp: true\n"
    )
    (project / "stacks" / "Pulumi.prod.yaml").write_text(prod + SUPPRESSION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _summary(args: list[str]) -> tuple[int, dict[str, int], list[dict[str, object]]]:
    result = run_icekit(*args)
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)
    return result.exit_code, document["summary"], [f["location"] for f in document["findings"]]


def test_check_reads_the_stack_file_it_was_given(repo: Path) -> None:
    code, summary, locations = _summary(["check", "infra/stacks/Pulumi.prod.yaml", "--format", "json"])
    assert (code, summary["suppressed"], summary["mandatory"]) == (0, 2, 0)
    assert {(loc["file"], loc["line"]) for loc in locations} == {("stacks/Pulumi.prod.yaml", 16)}


def test_check_with_another_project_dir(repo: Path) -> None:
    # A stack path relative to the working directory, the project named elsewhere: `stackFile` is relative
    # to the project (`../`), and read back from there.
    other = repo / "elsewhere"
    other.mkdir()
    shutil.copy(ROOT / "Pulumi.yaml", other / "Pulumi.yaml")
    args = ["check", "infra/stacks/Pulumi.prod.yaml", "--project-dir", str(other), "--format", "json"]
    code, summary, locations = _summary(args)
    assert (code, summary["suppressed"]) == (0, 2)
    assert {loc["file"] for loc in locations} == {"../infra/stacks/Pulumi.prod.yaml"}


def test_plan_reads_the_stack_file_it_was_given(repo: Path) -> None:
    args = ["plan", "infra/stacks/Pulumi.prod.yaml", "--format", "json", "--out", str(repo / "build")]
    result = run_icekit(*args)
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    assert [f["ruleId"] for f in findings] == ["CB401", "CB401"]
    assert all(f["suppressed"] for f in findings)
