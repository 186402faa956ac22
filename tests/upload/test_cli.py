"""`icekit upload` against the sandbox: progress and a summary table, exit 0 when all succeeded; bad input
exits 2 naming the file and key path, before anything is uploaded."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from icekit.cli import cli
from tests.upload.helpers import MULTIPART, SMALL, a_file
from tests.upload.sandbox_env import SandboxEnv


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, ["upload", *args])


def test_two_files_upload_and_wait(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    one, two = a_file(tmp_path, "one.mp4", SMALL), a_file(tmp_path, "two.mov", MULTIPART)
    config, ready = str(config_files["mobile-video"]), str(sandbox.ready_file)
    result = _run(
        str(one), str(two), "--config", config, "--sandbox", ready,
        "--extend", '{"batch": 3}', "--wait", "--wait-timeout", "10",
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    output = result.stdout  # type: ignore[attr-defined]
    assert output.count("ready") == 2 and "MediaId" in output
    media_ids = re.findall(r"\b[0-9a-f]{32}\b", output)
    assert len(set(media_ids)) == 2
    for media_id in media_ids:
        assert sandbox.library.get(media_id) is not None
    assert [r.action for r in sandbox.ice_records].count("CreateUploadMedia") == 2
    for principal in sandbox.ready["principals"]:
        assert principal["accessKeySecret"] not in result.output  # type: ignore[attr-defined]


def test_an_own_bucket_app_from_the_command(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    clip = a_file(tmp_path, "archive.mkv", SMALL)
    result = _run(
        str(clip), "--config", str(config_files["batch-import"]), "--sandbox", str(sandbox.ready_file)
    )
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "uploaded" in result.stdout  # type: ignore[attr-defined]
    assert [r.action for r in sandbox.ice_records] == ["RegisterMediaInfo"]


@pytest.mark.parametrize(
    ("make_args", "says"),
    [
        (
            lambda d, c, r: [str(a_file(d, "x.exe", 10)), "--config", c, "--sandbox", r],
            "x.exe: FileInfo.Ext: ",
        ),
        (
            lambda d, c, r: [str(d / "missing.mp4"), "--config", c, "--sandbox", r],
            "missing.mp4: is not a readable",
        ),
        (
            lambda d, c, r: [str(a_file(d, "x.mp4", 10)), "--config", c, "--extend", "[1]", "--sandbox", r],
            "--extend",
        ),
        (
            lambda d, c, r: [str(a_file(d, "x.mp4", 10)), "--config", c, "--endpoint", "s3=http://x"],
            "--endpoint",
        ),
        (
            lambda d, c, r: [str(a_file(d, "x.mp4", 10)), "--config", str(d / "none.json")],
            "none.json: cannot read",
        ),
    ],
    ids=["extension", "missing-file", "extend", "endpoint", "config"],
)
def test_bad_input_exits_2_before_any_upload(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path, make_args: object, says: str
) -> None:
    ok = a_file(tmp_path, "fine.mp4", SMALL)
    args = make_args(tmp_path, str(config_files["mobile-video"]), str(sandbox.ready_file))  # type: ignore[operator]
    result = _run(str(ok), *args)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert says in result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    assert sandbox.ice_records == [] and sandbox.oss_requests == []


def test_a_bad_configuration_names_its_key_path(tmp_path: Path, config_files: dict[str, Path]) -> None:
    document = json.loads(config_files["mobile-video"].read_text())
    document["fileRules"][0]["extensions"] = ["exe"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    result = _run(str(a_file(tmp_path, "x.mp4", 10)), "--config", str(bad))
    assert result.exit_code == 2
    assert "bad.json: fileRules[0].extensions" in result.stderr  # type: ignore[attr-defined]


def test_endpoint_flags_and_the_default_credential_chain(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    """Without --sandbox the base identity comes from alibabacloud-credentials' default chain: here the
    environment variables it reads first (at import, hence a fresh process). The instance-metadata step is
    switched off, so nothing but 127.0.0.1 is ever asked."""
    [principal] = [p for p in sandbox.ready["principals"] if p["arn"].endswith("role/mobile-backend")]
    env = {
        key: value for key, value in os.environ.items() if "proxy" not in key.lower() and "ALIBABA" not in key
    }
    env |= {
        "ALIBABA_CLOUD_ACCESS_KEY_ID": principal["accessKeyId"],
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": principal["accessKeySecret"],
        "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
        "NO_PROXY": "127.0.0.1,localhost",
    }
    urls = sandbox.ready["endpoints"]
    flags = [arg for name in ("sts", "ice", "oss") for arg in ("--endpoint", f"{name}={urls[name]}")]
    clip = a_file(tmp_path, "clip.mp4", SMALL)
    command = [
        sys.executable,
        "-m",
        "icekit.cli",
        "upload",
        str(clip),
        "--config",
        str(config_files["mobile-video"]),
    ]
    done = subprocess.run(
        [*command, *flags], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "uploaded" in done.stdout
    granted = [r for r in sandbox.sts_records if r.action == "AssumeRole" and r.allowed]
    assert [r.principal for r in granted] == [principal["arn"]]
