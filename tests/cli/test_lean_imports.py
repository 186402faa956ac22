"""The upload clients' verbs load only what they need (issue 16): a fresh process runs the installed console
script, then reports which modules it imported, which of icekit's pydantic models it built and which
templates it compiled. Structural, not timed: bench/cold_start.py measures the time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.models.samples import FILE_INFO_EXAMPLE, stack_outputs_data

ICEKIT = str(Path(sys.executable).with_name("icekit"))

# Runs the console script as the `icekit` command would, then writes what the process holds to a file.
_PROBE = """
import json, runpy, sys
report, script = sys.argv[1], {script!r}
sys.argv = [script, *sys.argv[2:]]
code = 0
try:
    runpy.run_path(script, run_name="__main__")
except SystemExit as exc:
    code = exc.code
modules = sorted(sys.modules)
built = sorted(
    f"{{name}}.{{attribute}}"
    for name, module in list(sys.modules.items())
    if name.startswith("icekit") and module is not None
    for attribute, value in vars(module).items()
    if isinstance(value, type) and value.__module__ == name and value.__dict__.get("__pydantic_complete__")
)
files = sys.modules.get("icekit.render.templates")
templates = sorted(key[1] for key in files.environment().cache.keys()) if files else []
with open(report, "w") as handle:
    json.dump({{"exit": code, "modules": modules, "built": built, "templates": templates}}, handle)
"""

# What none of the three needs: the plan and its SDKs, the guardrails, the review, rich's output.
NEVER = ("pulumi", "pulumi_alicloud", "pulumi_policy", "grpc", "rich", "yaml", "ruamel")
NEVER_ICEKIT = ("icekit.plan", "icekit.review", "icekit.rules", "icekit.check", "icekit.stack", "icekit.ram")


def _probe(args: list[str], tmp_path: Path, stdin: str = "") -> dict[str, Any]:
    report = tmp_path / "probe.json"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(script=ICEKIT), str(report), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    probed: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    assert probed["exit"] in (0, None), done.stderr
    return probed


def _loaded(probed: dict[str, Any], prefixes: tuple[str, ...]) -> list[str]:
    return [m for m in probed["modules"] if any(m == p or m.startswith(f"{p}.") for p in prefixes)]


def _other_verbs(probed: dict[str, Any], verb: str) -> list[str]:
    return [m for m in probed["modules"] if m.startswith("icekit.cli.") and m != f"icekit.cli.{verb}"]


def test_validate_a_snippet_imports_and_builds_its_model_only(tmp_path: Path) -> None:
    probed = _probe(["validate", "file-info", "-"], tmp_path, stdin=FILE_INFO_EXAMPLE)
    assert _loaded(probed, NEVER) == []
    assert _loaded(probed, NEVER_ICEKIT) == []
    # No templates, no client configuration, no other snippet's module.
    assert _loaded(probed, ("jinja2", "icekit.render", "icekit.clientconfig")) == []
    others = ("media_metadata", "upload_target_config", "user_data", "post_process_config", "upload_rules")
    assert _loaded(probed, tuple(f"icekit.models.{name}" for name in others)) == []
    assert _other_verbs(probed, "validate") == []
    assert probed["built"] == ["icekit.models.file_info.FileInfo"]


def test_render_builds_no_unused_model_and_compiles_only_its_templates(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps(stack_outputs_data()), encoding="utf-8")
    probed = _probe(["render", "--outputs", str(outputs), "--out", str(tmp_path / "build")], tmp_path)
    assert (tmp_path / "build").is_dir()
    assert _loaded(probed, NEVER) == []
    assert _loaded(probed, NEVER_ICEKIT) == []
    assert _other_verbs(probed, "render") == []
    built = set(probed["built"])
    assert "icekit.clientconfig.model.VodClientConfig" in built  # the probe sees what was built
    # Imported for a shared rule or as a base, never validated by render: not built.
    unused = {
        "icekit.models.base.WireModel",
        "icekit.models.media_metadata.MediaMetaData",
        "icekit.models.file_info.FileInfo",
        "icekit.clientconfig.model.ClientConfig",
    }
    assert built & unused == set()
    # Both apps are "vod": the own-bucket snippet's template is never compiled.
    assert probed["templates"] == [
        "build_client.py.j2",
        "client-config.json.j2",
        "env.j2",
        "upload_request.py.j2",
    ]


def test_help_lists_every_verb_without_importing_one(tmp_path: Path) -> None:
    from icekit.cli import VERBS

    probed = _probe(["--help"], tmp_path)
    assert _other_verbs(probed, "") == []
    assert _loaded(probed, ("pydantic", "jinja2", *NEVER)) == []
    done = subprocess.run([ICEKIT, "--help"], capture_output=True, text=True, check=True)
    listed = [
        line.split()[0] for line in done.stdout.split("Commands:\n", 1)[1].splitlines() if line[2:3] != " "
    ]
    assert listed == sorted(VERBS)
