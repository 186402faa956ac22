"""`icekit validate`, `schema` and `render` serve upload clients: they must never import pulumi.

Each runs here as the installed console script in a fresh process, which makes these the smoke tests of the
three verbs (the rest of their tests run in process, tests.support.cli)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.models.samples import FILE_INFO_EXAMPLE, stack_outputs_data

# The installed console script (`icekit`), run by this interpreter.
ICEKIT = str(Path(sys.executable).with_name("icekit"))

FORBIDDEN = ("pulumi", "pulumi_alicloud", "pulumi_policy")

# Runs the console script as the `icekit` command would, then reports its exit status and what it imported.
_PROBE = """
import runpy, sys
sys.argv = [{script!r}, *sys.argv[1:]]
code = 0
try:
    runpy.run_path({script!r}, run_name="__main__")
except SystemExit as exc:
    code = exc.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {forbidden!r})
print("EXIT=" + str(code), file=sys.stderr)
print("LOADED=" + ",".join(loaded), file=sys.stderr)
"""


def _probe_line(stderr: str, key: str) -> str:
    return next(line for line in stderr.splitlines() if line.startswith(f"{key}=")).removeprefix(f"{key}=")


def _probe_code() -> str:
    return _PROBE.format(script=ICEKIT, forbidden=set(FORBIDDEN))


def _loaded_modules(
    args: list[str], cwd: Path, stdin: str = ""
) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _probe_code(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    return [m for m in _probe_line(done.stderr, "LOADED").split(",") if m], done


@pytest.mark.parametrize(
    "verb",
    ["validate", "schema", "render"],
)
def test_client_verbs_never_import_pulumi(verb: str, tmp_path: Path) -> None:
    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps(stack_outputs_data()))
    args = {
        "validate": ["validate", "file-info", "-"],
        "schema": ["schema", "--out", str(tmp_path / "schemas")],
        "render": ["render", "--outputs", str(outputs), "--out", str(tmp_path / "build")],
    }[verb]
    loaded, done = _loaded_modules(args, tmp_path, stdin=FILE_INFO_EXAMPLE)
    stderr = done.stderr
    assert loaded == [], stderr
    assert "error" not in stderr.lower()
    assert _probe_line(stderr, "EXIT") == "0", stderr
    produced = {
        "validate": done.stdout.strip(),
        "schema": sorted((tmp_path / "schemas").glob("*.json")),
        "render": sorted((tmp_path / "build").rglob("client-config.json")),
    }[verb]
    assert produced, f"icekit {verb} produced nothing"


def test_the_probe_would_see_pulumi(tmp_path: Path) -> None:
    """The probe is not blind: importing pulumi in the same process shows up."""
    code = "import pulumi\n" + _probe_code()
    done = subprocess.run(
        [sys.executable, "-c", code, "--version"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert "LOADED=pulumi" in done.stderr


def test_importtime_of_validate_lists_no_pulumi(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", ICEKIT, "validate", "file-info", "-"],
        input=FILE_INFO_EXAMPLE,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line]
    assert "icekit.models.file_info" in imported  # the probe sees our own modules
    assert not [m for m in imported if m.split(".")[0] in FORBIDDEN]
    assert "jinja2" not in imported
