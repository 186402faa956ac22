"""One large stack planned in shards (icekit.plan.shards): the same plan, byte for byte, as in one process;
a child's mistakes and crashes reach the user; no fork on one core or while another thread runs."""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import components.program as program
import icekit.plan.fork as fork
import icekit.plan.shards as shards
from icekit.errors import UserInputError
from icekit.plan import run_plan
from icekit.plan.fork import ChildFailed
from icekit.stack import ProgramInput
from tests.plan.test_cli_e2e import icekit_plan, tree_bytes

APPS = 3 * program.PLAN_WINDOW + 7  # three full windows and a partial one
LAST_APP = APPS - 1  # in the last shard, planned in a child


@pytest.fixture
def large(project: Path) -> Path:
    """The dev stack (HTTP and queue callbacks, an event callback, a workflow, an own bucket) with APPS apps
    cycling through its apps; an own bucket serves one app, so each copy of that app gets its own."""
    path = project / "stacks" / "Pulumi.dev.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    config = document["config"]
    storage = config["icekit:storage"]
    templates = config["icekit:apps"]
    apps = []
    for index in range(APPS):
        app = {**templates[index % len(templates)], "name": f"app-{index:03d}"}
        own = storage[app["storage"]].get("ownBucket")
        if own is not None:
            app["storage"] = f"bucket-{index:03d}"
            storage[app["storage"]] = {"ownBucket": {**own, "name": f"{own['name']}-{index:03d}"}}
        apps.append(app)
    config["icekit:apps"] = apps
    config["icekit:storage"] = {
        name: decl for name, decl in storage.items() if any(a["storage"] == name for a in apps)
    }
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return project


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Shards for any stack, on three cores (whatever this machine has); the children started, by label."""
    monkeypatch.setattr(shards, "SHARD_ABOVE_APPS", 0)
    monkeypatch.setattr(fork, "usable_cores", lambda: 3)
    started: list[str] = []
    start_child = shards.start_child

    def counting(call: Callable[[], Any], label: str) -> Any:
        started.append(label)
        return start_child(call, label)

    monkeypatch.setattr(shards, "start_child", counting)
    return started


def _in_app(monkeypatch: pytest.MonkeyPatch, index: int, act: Callable[[], None]) -> None:
    """`act()` where the program builds app `index`."""
    profile_args = program.profile_args

    def acting(given: ProgramInput, at: int, callbacks: Any) -> Any:
        if at == index:
            act()
        return profile_args(given, at, callbacks)

    monkeypatch.setattr(program, "profile_args", acting)


def test_shard_ranges_are_whole_windows_covering_every_app_once() -> None:
    window = program.PLAN_WINDOW
    assert shards.shard_ranges(APPS, 3, window) == [range(0, 25), range(25, 50), range(50, APPS)]
    assert shards.shard_ranges(APPS, 2, window) == [range(0, 50), range(50, APPS)]
    assert shards.shard_ranges(10, 4, window) == [range(0, 10)]
    for count in (1, 2, 3, 5):
        ranges = shards.shard_ranges(1000, count, window)
        assert [index for apps in ranges for index in apps] == list(range(1000))
        assert all(apps.start % window == 0 for apps in ranges)


def test_the_sharded_plan_is_the_one_process_plan_byte_for_byte(large: Path, forks: list[str]) -> None:
    one_process = run_plan("dev", large, shards=1)
    assert forks == []
    sharded = run_plan("dev", large)
    assert forks == ["plan shard of apps 25-49", "plan shard of apps 50-81"]
    assert len(sharded.clientConfigs) == APPS
    assert sharded.model_dump_json() == one_process.model_dump_json()


def test_json_output_and_files_through_the_cli_are_the_same(
    large: Path, tmp_path: Path, forks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sharded = icekit_plan(large, "dev", "--format", "json", "--out", str(tmp_path / "sharded"))
    assert len(forks) == 2
    monkeypatch.setattr(fork, "usable_cores", lambda: 1)
    one_process = icekit_plan(large, "dev", "--format", "json", "--out", str(tmp_path / "one"))
    assert len(forks) == 2
    assert sharded.returncode == one_process.returncode
    assert sharded.returncode in (0, 1), sharded.stderr
    assert sharded.stdout.replace("sharded/", "one/") == one_process.stdout
    files = tree_bytes(tmp_path / "sharded")
    assert len(files) > 3 * APPS
    assert files == tree_bytes(tmp_path / "one")


def test_a_user_error_in_a_child_s_shard_exits_2_with_file_and_key_path(
    large: Path, tmp_path: Path, forks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> None:
        raise UserInputError("refused by the test", key_path=f"icekit:apps[{LAST_APP}].name")

    _in_app(monkeypatch, LAST_APP, refuse)
    with pytest.raises(UserInputError) as raised:
        run_plan("dev", large)
    assert (raised.value.file, raised.value.key_path) == (
        "stacks/Pulumi.dev.yaml",
        f"icekit:apps[{LAST_APP}].name",
    )
    result = icekit_plan(large, "dev", "--out", str(tmp_path / "out"))
    assert len(forks) == 4
    assert result.returncode == 2
    assert (
        result.stderr == f"error: stacks/Pulumi.dev.yaml: icekit:apps[{LAST_APP}].name: refused by the test\n"
    )
    assert not (tmp_path / "out").exists()


def test_another_exception_in_a_child_comes_back_with_its_traceback(
    large: Path, forks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail() -> None:
        raise LookupError("broken by the test")

    _in_app(monkeypatch, LAST_APP, fail)
    with pytest.raises(ChildFailed) as raised:
        run_plan("dev", large)
    message = str(raised.value)
    assert message.startswith("plan shard of apps 50-81 failed:\nTraceback")
    assert "LookupError: broken by the test" in message


def test_a_child_that_dies_is_an_internal_error_not_a_hang(
    large: Path, tmp_path: Path, forks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_app(monkeypatch, LAST_APP, lambda: os._exit(3))
    with pytest.raises(
        ChildFailed, match=r"^plan shard of apps 50-81: the process ended \(exit status 3\) without"
    ):
        run_plan("dev", large)
    result = icekit_plan(large, "dev", "--out", str(tmp_path / "out"))
    assert result.returncode == 1  # an internal error: Python's traceback, as for any other
    assert (
        "plan shard of apps 50-81: the process ended (exit status 3) without sending a result"
        in result.stderr
    )
    assert not (tmp_path / "out").exists()


def test_one_core_or_another_thread_plans_in_this_process(
    large: Path, forks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert shards.shard_count(APPS, program.PLAN_WINDOW) == 3
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert shards.shard_count(APPS, program.PLAN_WINDOW) == 1
    finally:
        stop.set()
        waiting.join()
    monkeypatch.setattr(fork, "usable_cores", lambda: 1)
    assert shards.shard_count(APPS, program.PLAN_WINDOW) == 1
    run_plan("dev", large)
    assert forks == []


def test_small_stacks_and_other_programs_plan_in_this_process(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert shards.shard_count(shards.SHARD_ABOVE_APPS, program.PLAN_WINDOW) == 1
    monkeypatch.setattr(shards, "SHARD_ABOVE_APPS", 0)
    monkeypatch.setattr(shards, "run_in_shards", lambda *_args: pytest.fail("sharded"))
    run_plan("dev", project, program=program.plan_main)


def test_shards_that_disagree_on_shared_resources_are_refused(
    large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records: list[Any] = []
    merged = shards.merged

    def keeping(found: Any, ranges: Any) -> Any:
        records.extend(found)
        return merged(found, ranges)

    monkeypatch.setattr(shards, "merged", keeping)
    run_plan("dev", large, shards=2)
    first, second = records
    shared = second.registrations[0]
    assert shared.parent is None and shared.declaration_path.startswith("icekit:callbacks.")
    changed = dataclasses.replace(shared, inputs={**shared.inputs, "extra": 1})
    altered = dataclasses.replace(second, registrations=[changed, *second.registrations[1:]])
    with pytest.raises(shards.ShardMismatch, match="other shared resources"):
        merged([first, altered], shards.shard_ranges(APPS, 2, program.PLAN_WINDOW))
