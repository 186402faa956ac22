"""`icekit validate` and `icekit render` keep reading version 1 client configurations (upgraded on read)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from icekit.cli import cli
from tests.models.samples import client_config_data, client_config_v1_data, own_bucket_config_v1_data


def test_validate_reads_version_1_and_prints_version_2(tmp_path: Path) -> None:
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(client_config_v1_data()), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "client-config", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == client_config_data()


def test_render_reads_version_1_outputs(tmp_path: Path) -> None:
    outputs = {
        "icekitContract": "1",
        "clientConfigs": {
            "mobile-video": client_config_v1_data(),
            "batch-import": own_bucket_config_v1_data(),
        },
    }
    path = tmp_path / "outputs.json"
    path.write_text(json.dumps(outputs), encoding="utf-8")
    out = tmp_path / "build"
    result = CliRunner().invoke(cli, ["render", "--outputs", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads((out / "dev" / "mobile-video" / "client-config.json").read_text(encoding="utf-8"))
    assert written == client_config_data()
    snippet = (out / "dev" / "batch-import" / "upload_request.py").read_text(encoding="utf-8")
    assert "WORKFLOW_IDS: dict[str, str] = {'video': '74ba870f1a4873a3ba238e0bf6fa9c01'}" in snippet


def test_an_unknown_version_is_refused_naming_both_readable_ones(tmp_path: Path) -> None:
    path = tmp_path / "v3.json"
    path.write_text(json.dumps(client_config_data(version="3")), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "client-config", str(path)])
    assert result.exit_code == 2
    assert "version: '3' is not allowed (allowed: '1' or '2'; '1' is upgraded on read)" in result.stderr
