"""DIR/<stack>/ is icekit's as a whole: replace_stack_dir and `icekit render` replace it, or refuse."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from icekit.errors import UserInputError
from icekit.render.atomic import STAGING_PREFIX
from icekit.render.stackdir import MANIFEST_HEADER, MARKER, check_replaceable, replace_stack_dir
from tests.models.samples import client_config_data, stack_outputs_data
from tests.support.cli import CliRun, run_icekit


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _modes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mode & 0o777 for p in sorted(root.rglob("*"))}


# --- replace_stack_dir -------------------------------------------------------------------------------------


def test_writes_the_files_and_a_manifest_listing_them(tmp_path: Path) -> None:
    written = replace_stack_dir(tmp_path, "dev", {"dev/b/x": "1", "dev/a/y": "2"})
    assert written == [tmp_path / "dev/a/y", tmp_path / "dev/b/x"]  # the manifest is not reported
    assert (tmp_path / "dev" / MARKER).read_text() == f"{MANIFEST_HEADER}\na/y\nb/x\n"


def test_a_removed_app_disappears(tmp_path: Path) -> None:
    replace_stack_dir(tmp_path, "dev", {"dev/old/x": "1", "dev/kept/x": "1"})
    replace_stack_dir(tmp_path, "dev", {"dev/kept/x": "2"})
    assert _tree_bytes(tmp_path / "dev") == {MARKER: f"{MANIFEST_HEADER}\nkept/x\n".encode(), "kept/x": b"2"}


def test_an_empty_directory_may_be_taken_over(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    replace_stack_dir(tmp_path, "dev", {"dev/a/x": "1"})
    assert (tmp_path / "dev/a/x").read_text() == "1"


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda d: (d / "notes.txt").write_text("mine"), r"no \.icekit-managed manifest"),
        (lambda d: (d / MARKER).write_text("something else\n"), r"no \.icekit-managed manifest"),
        (lambda d: (d / MARKER).mkdir(), r"no \.icekit-managed manifest"),
    ],
    ids=["no-manifest", "not-a-manifest", "manifest-is-a-directory"],
)
def test_a_directory_icekit_did_not_write_is_refused_untouched(
    tmp_path: Path, setup: Any, expected: str
) -> None:
    (tmp_path / "dev").mkdir()
    setup(tmp_path / "dev")
    before = _tree_bytes(tmp_path)
    with pytest.raises(UserInputError, match=expected) as caught:
        replace_stack_dir(tmp_path, "dev", {"dev/a/x": "1"})
    assert caught.value.file == str(tmp_path / "dev")
    assert _tree_bytes(tmp_path) == before
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def test_a_file_added_to_a_managed_directory_is_refused(tmp_path: Path) -> None:
    replace_stack_dir(tmp_path, "dev", {"dev/a/x": "1"})
    (tmp_path / "dev/a/notes.md").write_text("mine")
    (tmp_path / "dev/zz").write_text("mine too")
    before = _tree_bytes(tmp_path)
    with pytest.raises(UserInputError, match=r"holds a/notes\.md \(and 1 more\), which icekit did not write"):
        replace_stack_dir(tmp_path, "dev", {"dev/b/x": "1"})
    assert _tree_bytes(tmp_path) == before


def test_a_symbolic_link_inside_or_in_place_of_the_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "keep").write_text("x")
    replace_stack_dir(tmp_path, "dev", {"dev/a/x": "1"})
    (tmp_path / "dev" / "a" / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UserInputError, match="holds a/link, which icekit did not write"):
        check_replaceable(tmp_path / "dev")
    (tmp_path / "prod").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UserInputError, match="is not a directory icekit wrote"):
        replace_stack_dir(tmp_path, "prod", {"prod/a/x": "1"})
    assert _tree_bytes(tmp_path / "elsewhere") == {"keep": b"x"}


@pytest.mark.parametrize("stack", ["..", ".", "", f"{STAGING_PREFIX}x"])
def test_stack_names_that_are_not_plain_directory_names_are_refused(tmp_path: Path, stack: str) -> None:
    with pytest.raises(UserInputError, match="cannot be used as a directory name"):
        replace_stack_dir(tmp_path / "out", stack, {f"{stack}/a/x": "1"})
    assert list(tmp_path.iterdir()) == []


def test_files_of_another_stack_are_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="is not a file of stack 'dev'"):
        replace_stack_dir(tmp_path, "dev", {"prod/a/x": "1"})


# --- icekit render ----------------------------------------------------------------------------------------


def _render(tmp_path: Path, out: Path, outputs: dict[str, Any], *extra: str) -> CliRun:
    path = tmp_path / "outputs.json"
    path.write_text(json.dumps(outputs))
    return run_icekit("render", "--outputs", str(path), "--out", str(out), *extra)


def test_render_drops_an_app_removed_from_the_stack(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _render(tmp_path, out, stack_outputs_data()).exit_code == 0
    assert (out / "dev/web-images/.env").is_file()
    outputs = stack_outputs_data()
    del outputs["clientConfigs"]["web-images"]
    result = _render(tmp_path, out, outputs)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "dev").iterdir()) == [MARKER, "mobile-video"]
    assert "web-images" not in (out / "dev" / MARKER).read_text()


def test_render_refuses_a_foreign_stack_directory_with_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "dev" / "site").mkdir(parents=True)
    (out / "dev" / "site" / "index.html").write_text("<p>not icekit's</p>")
    before = _tree_bytes(out)
    result = _render(tmp_path, out, stack_outputs_data())
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {out / 'dev'}: exists and was not written by icekit")
    assert "Traceback" not in result.output and "wrote" not in result.stdout
    assert _tree_bytes(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["dev"]


def test_render_refuses_outputs_that_mix_stacks(tmp_path: Path) -> None:
    outputs = stack_outputs_data()
    outputs["clientConfigs"]["web-images"]["stack"] = "prod"
    result = _render(tmp_path, tmp_path / "out", outputs)
    assert result.exit_code == 2
    assert (
        "clientConfigs.web-images.stack: is 'prod' but clientConfigs.mobile-video.stack is 'dev'"
        in result.stderr
    )
    assert not (tmp_path / "out").exists()


def test_render_twice_is_byte_identical_and_keeps_modes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outputs = stack_outputs_data(auth_keys={"mobile-video": "Abc123xyz"})
    assert _render(tmp_path, out, outputs, "--include-secrets").exit_code == 0
    first, modes = _tree_bytes(out), _modes(out)
    assert modes["dev/mobile-video/.env"] == 0o600  # holds the auth key
    assert modes["dev/web-images/.env"] != 0o600  # no callback, no key
    assert _render(tmp_path, out, outputs, "--include-secrets").exit_code == 0
    assert _tree_bytes(out) == first
    assert _modes(out) == modes
    assert sorted(p.name for p in out.iterdir()) == ["dev"]  # no staging directory left


def test_render_failure_during_the_swap_keeps_the_previous_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert _render(tmp_path, out, stack_outputs_data()).exit_code == 0
    before, modes = _tree_bytes(out), _modes(out)
    real_replace = os.replace

    def failing_move_in(src: Any, dst: Any) -> None:
        if Path(src).name == "new":  # the new tree moving into place
            raise OSError(13, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_move_in)
    outputs = stack_outputs_data()
    outputs["clientConfigs"]["mobile-video"] = client_config_data(
        mediaDefaults={"businessType": "cover", "tags": []}
    )
    del outputs["clientConfigs"]["web-images"]
    result = _render(tmp_path, out, outputs)
    assert result.exit_code == 2
    assert "Permission denied" in result.stderr and "nothing was changed" in result.stderr
    assert _tree_bytes(out) == before
    assert _modes(out) == modes
    assert sorted(p.name for p in out.iterdir()) == ["dev"]
