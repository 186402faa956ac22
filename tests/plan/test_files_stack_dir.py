"""`icekit plan --out DIR` replaces DIR/<stack>/ as a whole, and refuses one that icekit did not write."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from icekit.errors import UserInputError
from icekit.plan.files import write_plan_files
from icekit.render.atomic import STAGING_PREFIX
from icekit.render.stackdir import MARKER
from tests.plan.test_cli_e2e import icekit_plan, plan_json, tree_bytes


def _drop_app(project: Path, stack: str, app: str) -> None:
    path = project / "stacks" / f"Pulumi.{stack}.yaml"
    document = yaml.safe_load(path.read_text())
    apps = document["config"]["icekit:apps"]
    document["config"]["icekit:apps"] = [a for a in apps if a["name"] != app]
    assert len(document["config"]["icekit:apps"]) == len(apps) - 1
    path.write_text(yaml.safe_dump(document))


def test_an_app_removed_from_the_stack_disappears_on_the_next_plan(project: Path) -> None:
    out = project / "build"
    _, first = plan_json(project, "dev", out)
    assert (out / "dev" / "cms-assets" / "client-config.json").is_file()
    (out / "prod").mkdir()
    (out / "prod" / "hand-made.txt").write_text("another stack's directory is not touched")

    _drop_app(project, "dev", "cms-assets")
    _, second = plan_json(project, "dev", out)

    remaining = sorted(app for app in first["clientConfigs"] if app != "cms-assets")
    assert sorted(second["clientConfigs"]) == remaining
    assert sorted(p.name for p in (out / "dev").iterdir()) == sorted([MARKER, *remaining])
    assert sorted(f"{out.as_posix()}/{rel}" for rel in tree_bytes(out) if rel.startswith("dev/")) == sorted(
        [*second["files"], f"{out.as_posix()}/dev/{MARKER}"]
    )
    assert (out / "prod" / "hand-made.txt").is_file()
    assert sorted(p.name for p in out.iterdir()) == ["dev", "prod"]  # no staging directory left


def test_a_foreign_stack_directory_is_refused_with_exit_2_and_left_untouched(project: Path) -> None:
    out = project / "build"
    (out / "dev" / "docs").mkdir(parents=True)
    (out / "dev" / "docs" / "index.md").write_text("published by someone else\n")
    before = tree_bytes(out)

    result = icekit_plan(project, "dev", "--format", "json", "--out", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {out / 'dev'}: exists and was not written by icekit")
    assert "Traceback" not in result.stderr
    assert tree_bytes(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["dev"]


def test_a_failed_swap_keeps_the_previous_plan_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = json.dumps({"app": "a"})
    write_plan_files(tmp_path, "dev", {"dev/a/client-config.json": config, "dev/gone/.env": "X=1\n"})
    before = tree_bytes(tmp_path)
    real_replace = os.replace

    def failing_move_in(src: Any, dst: Any) -> None:
        if Path(dst) == tmp_path / "dev" and Path(src).name == "new":
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_move_in)
    with pytest.raises(UserInputError, match="No space left on device"):
        write_plan_files(tmp_path, "dev", {"dev/a/client-config.json": "{}"})
    monkeypatch.undo()
    assert tree_bytes(tmp_path) == before
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def test_a_stack_without_files_still_owns_an_empty_directory(tmp_path: Path) -> None:
    write_plan_files(tmp_path, "dev", {"dev/a/.env": "X=1\n"})
    assert write_plan_files(tmp_path, "dev", {}) == []
    assert [p.name for p in (tmp_path / "dev").iterdir()] == [MARKER]
