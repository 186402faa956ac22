"""`icekit plan` as a user runs it, on the bundled stacks and on broken copies of them: in process
(tests.support.cli), and once as the installed command in a fresh process (the second of two runs)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from icekit.secrets import MASK, OFFLINE_SECRET_PREFIX
from tests.plan.conftest import BUNDLED_STACKS
from tests.support.cli import CliRun, run_icekit, run_icekit_process

CLIENT_FILES = ("client-config.json", ".env", "upload_request.py")


def icekit_plan(project: Path, *args: str, in_process: bool = True) -> CliRun:
    run = run_icekit if in_process else run_icekit_process
    return run("plan", *args, "--project-dir", str(project), cwd=project)


def plan_json(
    project: Path, stack: str, out: Path, *, in_process: bool = True
) -> tuple[CliRun, dict[str, Any]]:
    result = icekit_plan(project, stack, "--format", "json", "--out", str(out), in_process=in_process)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    return result, json.loads(result.stdout)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def ciphertexts(stack_file: Path) -> list[str]:
    """Every `secure:` value in a stack file."""
    return re.findall(r"secure:\s*(\S+)", stack_file.read_text())


def declared_apps(stack_file: Path) -> list[str]:
    return [app["name"] for app in yaml.safe_load(stack_file.read_text())["config"]["icekit:apps"]]


def blocking(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in document["findings"] if f["enforcement"] == "mandatory" and not f["suppressed"]]


@pytest.mark.parametrize("stack", BUNDLED_STACKS)
def test_bundled_stack_plans_checks_and_renders(project: Path, stack: str) -> None:
    out = project / "build"
    result, document = plan_json(project, stack, out)
    stack_file = project / "stacks" / f"Pulumi.{stack}.yaml"

    assert list(document)[:3] == ["stack", "project", "stackFile"]
    assert list(document)[-2:] == ["findings", "files"]
    assert (document["stack"], document["stackFile"]) == (stack, f"stacks/Pulumi.{stack}.yaml")
    assert result.returncode == (1 if blocking(document) else 0)

    apps = declared_apps(stack_file)
    profiles = [r for r in document["resources"] if r["type"] == "icekit:profile:UploadProfile"]
    assert sorted(r["inputs"]["app"] for r in profiles) == sorted(apps)
    urns = {r["urn"] for r in document["resources"]}
    for resource in document["resources"]:
        assert resource["parent"] is None or resource["parent"] in urns
        assert resource["declarationPath"] is None or resource["declarationPath"].startswith(
            ("icekit:", "alicloud:")
        )
    roles = [r for r in document["resources"] if r["type"] == "alicloud:ram/role:Role"]
    assert roles and all(r["declarationPath"] for r in roles)

    # every app, own-bucket ones included, gets a client config
    configured = sorted(document["clientConfigs"])
    assert configured == sorted(apps)
    # one directory per configured app with the files `icekit render` makes, from the plan's clientConfigs
    expected_files = sorted(
        f"{out.as_posix()}/{stack}/{app}/{name}" for app in configured for name in CLIENT_FILES
    )
    assert sorted(document["files"]) == expected_files
    for app in configured:
        written = json.loads((out / stack / app / "client-config.json").read_text())
        assert written == document["clientConfigs"][app]
        role_arn = written["roleArn"]
        assert re.fullmatch(r"acs:ram::[0-9]{12,20}:role/[\w.-]+", role_arn), role_arn

    # secrets: masked in the document, absent from every file; `secure:` ciphertext nowhere
    assert document["outputs"].get("callbackAuthKeys", MASK) == MASK
    everything = result.stdout + result.stderr + "".join(p.read_text() for p in out.rglob("*") if p.is_file())
    assert OFFLINE_SECRET_PREFIX not in everything
    for ciphertext in ciphertexts(stack_file):
        assert ciphertext not in everything
    for resource in document["resources"]:
        for key in ("authKey", "auth_key"):
            if key in resource["inputs"]:
                assert resource["inputs"][key] == MASK


def test_second_run_gives_byte_identical_files_and_document(project: Path) -> None:
    out = project / "build"
    first, _ = plan_json(project, "dev", out)
    files_first = tree_bytes(out)
    # The smoke test of `icekit plan`: the console script in a fresh process, which also has another string
    # hash seed, so an order that hangs on it would show.
    second, _ = plan_json(project, "dev", out, in_process=False)
    assert tree_bytes(out) == files_first
    assert second.stdout == first.stdout
    assert second.stderr == ""  # not a terminal: no progress, and nothing else either
    assert not any(name.startswith(".icekit-staging") for name in files_first)


def test_text_output_shows_apps_findings_and_files(project: Path) -> None:
    result = icekit_plan(project, "dev", "--out", "out")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    for app in declared_apps(project / "stacks" / "Pulumi.dev.yaml"):
        assert app in result.stdout
    assert list((project / "out" / "dev").glob("*/client-config.json"))
    assert "Findings" in result.stdout
    assert "Files written" in result.stdout and "out/dev/" in result.stdout
    assert result.stderr == ""  # not a terminal: no progress noise


def test_mandatory_findings_exit_1_still_write_files_and_suppressions_clear_them(project: Path) -> None:
    stack_file = project / "stacks" / "Pulumi.dev.yaml"
    document = yaml.safe_load(stack_file.read_text())
    config = document["config"]
    # require a condition the dev apps do not declare, and make every RAM rule mandatory
    config["icekit:guardrails"] = {
        "requiredConditions": ["acs:SourceIp"],
        "enforcement": {"RAM": "mandatory"},
    }
    stack_file.write_text(yaml.safe_dump(document))

    out = project / "build"
    result, plan = plan_json(project, "dev", out)
    assert result.returncode == 1
    failing = blocking(plan)
    assert failing and all(f["ruleId"].startswith("RAM") for f in failing)
    assert plan["files"] and all(Path(f).is_file() for f in plan["files"])

    config["icekit:suppressions"] = [
        *config.get("icekit:suppressions", []),
        *(
            {"rule": f["ruleId"], "resource": f["resourceName"], "reason": "accepted for this test stack"}
            for f in failing
        ),
    ]
    stack_file.write_text(yaml.safe_dump(document))
    result, plan = plan_json(project, "dev", out)
    assert result.returncode == 0, blocking(plan)
    suppressed = {(f["ruleId"], f["resourceName"]) for f in plan["findings"] if f["suppressed"]}
    assert {(f["ruleId"], f["resourceName"]) for f in failing} <= suppressed


def _break(project: Path, stack: str, edit: Any) -> None:
    path = project / "stacks" / f"Pulumi.{stack}.yaml"
    document = yaml.safe_load(path.read_text())
    edit(document["config"])
    path.write_text(yaml.safe_dump(document))


def _add_unknown_key(config: dict[str, Any]) -> None:
    config["icekit:apps"][1]["bogus"] = True


def _bad_region(config: dict[str, Any]) -> None:
    config["alicloud:region"] = "us-east-1"


@pytest.mark.parametrize(
    ("stack", "edit", "expected"),
    [
        ("qa", None, r"stacks/Pulumi\.qa\.yaml: unknown stack 'qa' \(known stacks: dev, prod, staging\)"),
        ("stacks/Pulumi.gone.yaml", None, r"stacks/Pulumi\.gone\.yaml: stack file not found"),
        ("dev", _add_unknown_key, r"Pulumi\.dev\.yaml: icekit:apps\[1\]\.bogus: "),
        ("dev", _bad_region, r"Pulumi\.dev\.yaml: alicloud:region: "),
    ],
    ids=["unknown-stack", "missing-file", "invalid-key", "bad-region"],
)
def test_invalid_input_exits_2_with_file_and_key_path_and_writes_nothing(
    project: Path, stack: str, edit: Any, expected: str
) -> None:
    if edit is not None:
        _break(project, stack, edit)
    out = project / "build"
    (out / "dev" / "old-app").mkdir(parents=True)
    (out / "dev" / "old-app" / "client-config.json").write_text("old\n")
    before = tree_bytes(out)

    result = icekit_plan(project, stack, "--format", "json", "--out", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert tree_bytes(out) == before


def test_invalid_yaml_exits_2(project: Path) -> None:
    (project / "stacks" / "Pulumi.dev.yaml").write_text("config:\n  icekit:apps: [unclosed\n")
    result = icekit_plan(project, "dev", "--out", "build")
    assert result.returncode == 2
    assert "Pulumi.dev.yaml" in result.stderr and "YAML" in result.stderr
    assert not (project / "build").exists()
