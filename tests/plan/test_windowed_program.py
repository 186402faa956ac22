"""The offline plan's entry (components.program.plan_main) against the deploy entry (`main`): the same
resources, inputs and outputs, with only PLAN_WINDOW apps' registrations in flight at a time."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import components.program as program
from icekit.facts.type_tokens import RAM_ROLE as ROLE
from icekit.facts.type_tokens import UPLOAD_PROFILE as PROFILE
from icekit.plan import load_program, run_plan
from icekit.plan.model import PlanResult
from icekit.plan.recorder import RecordingMonitor
from icekit.program import DEPLOY_ENTRY, PLAN_ENTRY

APPS = 2 * program.PLAN_WINDOW + 10  # two full windows and a partial one


@pytest.fixture
def many_apps(project: Path) -> Path:
    """The dev stack with APPS apps, cycling through its apps on shared storage."""
    path = project / "stacks" / "Pulumi.dev.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    config = document["config"]
    storage = config["icekit:storage"]
    shared = [app for app in config["icekit:apps"] if "ownBucket" not in storage[app["storage"]]]
    config["icekit:apps"] = [{**shared[i % len(shared)], "name": f"app-{i:03d}"} for i in range(APPS)]
    used = {app["storage"] for app in config["icekit:apps"]}
    config["icekit:storage"] = {name: decl for name, decl in storage.items() if name in used}
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return project


def _registered(plan: PlanResult) -> list[tuple[str, str, str, bool, str]]:
    return sorted((r.urn, r.type, r.parent or "", r.custom, repr(r.inputs)) for r in plan.resources)


def test_the_plan_entry_registers_and_exports_what_the_deploy_entry_does(many_apps: Path) -> None:
    windowed = run_plan("dev", many_apps)
    at_once = run_plan("dev", many_apps, program=program.main)
    assert len(windowed.resources_of_type(PROFILE)) == APPS
    assert _registered(windowed) == _registered(at_once)
    assert windowed.outputs == at_once.outputs
    assert windowed.clientConfigs == at_once.clientConfigs
    assert windowed.messages == at_once.messages


def _types_in_registration_order(
    monkeypatch: pytest.MonkeyPatch, project: Path, **kwargs: object
) -> list[str]:
    order: list[str] = []
    register = RecordingMonitor.RegisterResource

    def recording(self: RecordingMonitor, request: object) -> object:
        order.append(request.type)
        return register(self, request)  # type: ignore[arg-type]

    monkeypatch.setattr(RecordingMonitor, "RegisterResource", recording)
    run_plan("dev", project, **kwargs)  # type: ignore[arg-type]
    return order


def test_a_window_s_roles_are_registered_before_the_next_window_is_built(
    monkeypatch: pytest.MonkeyPatch, many_apps: Path
) -> None:
    # in this process: the monitor that records the order is this process's
    order = _types_in_registration_order(monkeypatch, many_apps, shards=1)
    profiles = [i for i, kind in enumerate(order) if kind == PROFILE]
    for window_start in range(program.PLAN_WINDOW, APPS, program.PLAN_WINDOW):
        before = order[: profiles[window_start]]
        assert before.count(ROLE) == window_start
    # what the windows change: built at once, every app's component registers before any role does
    at_once = _types_in_registration_order(monkeypatch, many_apps, program=program.main)
    assert at_once[: at_once.index(ROLE)].count(PROFILE) == APPS


def test_the_plan_runs_the_plan_entry_and_a_program_without_one_by_its_deploy_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_program(program.__name__) is getattr(program, PLAN_ENTRY)
    older = ModuleType("older_program")
    setattr(older, DEPLOY_ENTRY, lambda: None)
    monkeypatch.setitem(sys.modules, "older_program", older)
    load_program.cache_clear()
    try:
        assert load_program("older_program") is getattr(older, DEPLOY_ENTRY)
    finally:
        load_program.cache_clear()
