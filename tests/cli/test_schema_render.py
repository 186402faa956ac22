from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from icekit.clientconfig.schemas import all_schema_texts
from tests.models.samples import client_config_data, stack_outputs_data
from tests.support.cli import run_icekit


def test_schema_writes_every_schema(tmp_path: Path) -> None:
    result = run_icekit("schema", "--out", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    written = {p.name: p.read_text() for p in (tmp_path / "s").iterdir()}
    assert written == all_schema_texts()
    assert sorted(written) == sorted(
        f"{k}.json"
        for k in (
            "file-info",
            "media-metadata",
            "upload-target-config",
            "user-data",
            "post-process-config",
            "client-config",
            "client-config-v1",
        )
    )


def test_schema_defaults_to_the_schemas_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_icekit("schema").exit_code == 0
    assert (tmp_path / "schemas" / "client-config.json").is_file()


def _write_outputs(tmp_path: Path, outputs: dict[str, Any]) -> Path:
    path = tmp_path / "outputs.json"
    path.write_text(json.dumps(outputs))
    return path


def _outputs_file(tmp_path: Path, **kwargs: object) -> Path:
    return _write_outputs(tmp_path, stack_outputs_data(**kwargs))


def test_render_writes_each_app_and_is_deterministic(tmp_path: Path) -> None:
    outputs = _outputs_file(tmp_path)
    first = run_icekit("render", "--outputs", str(outputs), "--out", str(tmp_path / "a"))
    second = run_icekit("render", "--outputs", str(outputs), "--out", str(tmp_path / "b"))
    assert first.exit_code == second.exit_code == 0
    tree_a = {
        str(p.relative_to(tmp_path / "a")): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()
    }
    tree_b = {
        str(p.relative_to(tmp_path / "b")): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()
    }
    assert tree_a == tree_b
    assert sorted(tree_a) == sorted(
        [
            "dev/.icekit-managed",  # the manifest that lets the next render replace dev/ as a whole
            *(
                f"dev/{app}/{name}"
                for app in ("mobile-video", "web-images")
                for name in ("client-config.json", ".env", "upload_request.py")
            ),
        ]
    )
    assert json.loads(tree_a["dev/mobile-video/client-config.json"]) == client_config_data()
    assert "auth keys were left out" in first.stderr


def test_render_default_out_is_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = _outputs_file(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run_icekit("render", "--outputs", str(outputs)).exit_code == 0
    assert (tmp_path / "build/dev/web-images/.env").is_file()


def test_include_secrets_with_masked_keys_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    outputs = _outputs_file(tmp_path)
    result = run_icekit(
        "render", "--outputs", str(outputs), "--out", str(tmp_path / "out"), "--include-secrets"
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {outputs}: callbackAuthKeys.mobile-video: is masked as [secret]")
    assert not (tmp_path / "out").exists()


def test_include_secrets_with_keys_in_clear(tmp_path: Path) -> None:
    outputs = _outputs_file(tmp_path, auth_keys={"mobile-video": "Abc123xyz"})
    out = tmp_path / "out"
    result = run_icekit("render", "--outputs", str(outputs), "--out", str(out), "--include-secrets")
    assert result.exit_code == 0, result.output
    assert "ICE_CALLBACK_AUTH_KEY='Abc123xyz'" in (out / "dev/mobile-video/.env").read_text()
    assert (out / "dev/mobile-video/.env").stat().st_mode & 0o777 == 0o600  # holds a secret
    plain = run_icekit("render", "--outputs", str(outputs), "--out", str(tmp_path / "plain"))
    assert "Abc123xyz" not in (tmp_path / "plain/dev/mobile-video/.env").read_text()
    assert plain.exit_code == 0


def test_invalid_outputs_exit_2_without_writing(tmp_path: Path) -> None:
    bad = stack_outputs_data()
    bad["clientConfigs"]["web-images"]["fileRules"][0]["extensions"] = ["mp4"]
    path = _write_outputs(tmp_path, bad)
    result = run_icekit("render", "--outputs", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error: {path}: clientConfigs.web-images.fileRules[0].extensions: "
        "'mp4' is not an extension of image files"
    )
    assert not (tmp_path / "out").exists()


def test_malformed_and_missing_outputs_files(tmp_path: Path) -> None:
    path = tmp_path / "outputs.json"
    path.write_text("{nope")
    result = run_icekit("render", "--outputs", str(path))
    assert result.exit_code == 2 and result.stderr.startswith(f"error: {path}: is not valid JSON")
    result = run_icekit("render", "--outputs", str(tmp_path / "none.json"))
    assert result.exit_code == 2 and "cannot be read" in result.stderr


def test_render_into_a_read_only_directory_is_a_user_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("x")
        target = blocker / "out"
    else:  # pragma: no cover - depends on the user running the tests
        target = tmp_path / "ro"
        target.mkdir(mode=0o500)
    result = run_icekit("render", "--outputs", str(_outputs_file(tmp_path)), "--out", str(target))
    assert result.exit_code == 2
    assert "Traceback" not in result.output and result.stderr.startswith("error: ")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_render_reads_outputs_saved_with_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    # PowerShell's `pulumi stack output --json > outputs.json` writes UTF-16 with a BOM
    path = tmp_path / "outputs.json"
    path.write_text(json.dumps(stack_outputs_data()), encoding=encoding)
    result = run_icekit("render", "--outputs", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "dev" / "web-images" / "client-config.json").is_file()
    from_stdin = ["render", "--outputs", "-", "--out", str(tmp_path / "out2")]
    stdin = run_icekit(*from_stdin, stdin=json.dumps(stack_outputs_data()).encode(encoding))
    assert stdin.exit_code == 0, stdin.output


def test_a_tag_no_env_quoting_carries_exits_2_naming_it_and_writes_nothing(tmp_path: Path) -> None:
    bad = stack_outputs_data()
    bad["clientConfigs"]["web-images"]["mediaDefaults"]["tags"] = ["it's `id`"]
    path = _write_outputs(tmp_path, bad)
    result = run_icekit("render", "--outputs", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error: {path}: clientConfigs.web-images.mediaDefaults.tags: "
        "cannot be written to .env as ICE_MEDIA_TAGS"
    )
    assert not (tmp_path / "out").exists()
