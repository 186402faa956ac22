"""The pack as CrossGuard loads it: PulumiPolicy.yaml, the pack name and the policy names, checked with
pulumi-policy's own validation (pulumi_policy/policy.py, 1.21) and without starting the pack's gRPC server."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from pulumi_policy import EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy
from pulumi_policy.policy import _POLICY_PACK_NAME_RE, _PolicyAnalyzerServicer

from icekit.crossguard import PACK_NAME, build_policies

ROOT = Path(__file__).resolve().parents[2]
POLICIES_DIR = ROOT / "policies"
# icekit's convention on top of pulumi-policy's rules: lower-case kebab names, the `<rule id>-<slug>` form
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _names() -> list[str]:
    return [p.name for p in build_policies()]


def test_pack_name_passes_pulumi_policy_validation() -> None:
    # PolicyPack.__init__ raises TypeError when the name does not match this pattern
    assert _POLICY_PACK_NAME_RE.match(PACK_NAME)
    assert KEBAB.match(PACK_NAME)


def test_policy_names_are_unique_and_valid() -> None:
    names = _names()
    # the analyzer and `--policy-pack-config` key everything by policy name: a duplicate would share config
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    for name in names:
        # pulumi-policy's Policy.__init__: a non-empty string, not the reserved "all"
        assert isinstance(name, str) and name and name != "all"
        assert _POLICY_PACK_NAME_RE.match(name), name
        assert KEBAB.match(name), name


def test_pulumi_policy_rejects_what_the_check_above_rejects() -> None:
    # the SDK's own validation is what the names are held to; make sure it still bites
    with pytest.raises(TypeError):
        StackValidationPolicy(name="all", description="d", validate=lambda args, report: None)
    assert not _POLICY_PACK_NAME_RE.match("icekit guardrails")


def test_analyzer_info_carries_every_policy() -> None:
    # what the engine asks first (GetAnalyzerInfo); built like PolicyPack does, minus the server
    servicer: Any = _PolicyAnalyzerServicer(PACK_NAME, "0.0.1", build_policies(), EnforcementLevel.ADVISORY)
    info = servicer.GetAnalyzerInfo(None, None)
    assert info.name == PACK_NAME
    assert [p.name for p in info.policies] == _names()
    assert all(p.description for p in info.policies)


def test_policy_pack_project_file() -> None:
    project = yaml.safe_load((POLICIES_DIR / "PulumiPolicy.yaml").read_text())
    assert project["runtime"]["name"] == "python"
    venv = (POLICIES_DIR / project["runtime"]["options"]["virtualenv"]).resolve()
    # relative to the pack directory; it is the project's environment (icekit, pulumi-policy installed)
    assert venv == ROOT / ".venv"
    assert (venv / "pyvenv.cfg").is_file()
    # the analyzer reports 0.0.1 (pulumi_policy.policy.PolicyPack); the CLI uses this one instead
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["version"] == pyproject["project"]["version"]


def test_entry_point_passes_an_enforcement_level_and_the_built_policies() -> None:
    tree = ast.parse((POLICIES_DIR / "__main__.py").read_text())
    (call,) = [
        n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "PolicyPack"
    ]
    keywords = {kw.arg: kw.value for kw in call.keywords}
    assert {"name", "policies", "enforcement_level"} <= set(keywords)
    level = keywords["enforcement_level"]
    assert isinstance(level, ast.Attribute) and level.attr in EnforcementLevel.__members__
    assert isinstance(keywords["name"], ast.Name) and keywords["name"].id == "PACK_NAME"
    assert all(isinstance(p, ResourceValidationPolicy | StackValidationPolicy) for p in build_policies())
