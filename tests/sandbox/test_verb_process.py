"""`icekit sandbox dev` as a user runs it: a subprocess, the bundled dev stack as it is, JSON log lines on
stderr, stopped with SIGTERM; then its state served again by a second start; and the refusals of bad input
(exit 2, nothing served)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import oss2
from alibabacloud_ice20201109 import models as ice_models
from click.testing import CliRunner

from icekit.cli import cli
from icekit.plan import run_plan
from icekit.sandbox.runner import SandboxOptions
from tests.sandbox.clients import oss2_bucket
from tests.sandbox.upload_rig import QUICK_RULES, decoded
from tests.sandbox.verb_rig import REPO, Sandbox, sandbox_thread, vod_upload_request

ICEKIT = Path(sys.executable).with_name("icekit")


def _wait_for(path: Path, process: subprocess.Popen[str]) -> dict[str, Any]:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if path.exists():
            document = json.loads(path.read_text(encoding="utf-8"))
            assert isinstance(document, dict)
            return document
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        time.sleep(0.1)
    raise AssertionError("no ready file within 90 s")


def _upload(sandbox: Sandbox, config: dict[str, Any]) -> str:
    client = sandbox.role_ice("role/mobile-backend", config["roleArn"])
    created = client.create_upload_media(
        vod_upload_request(config, {"Type": "video", "Name": "clip", "Ext": "mp4"})
    ).body
    address, auth = decoded(created.upload_address), decoded(created.upload_auth)
    token = (auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"])
    oss2_bucket(sandbox.served("oss"), address["Bucket"], *token).put_object(address["FileName"], b"clip")
    return str(created.media_id)


def test_the_verb_serves_until_sigterm_and_its_state_survives_a_restart(tmp_path: Path) -> None:
    ready_file, state = tmp_path / "ready.json", tmp_path / "state"
    command = [str(ICEKIT), "sandbox", "dev", "--project-dir", str(REPO), "--state-dir", str(state),
               "--ready-file", str(ready_file), "--secure-transport", "--log-format", "json"]  # fmt: skip
    environment = {**os.environ, "NO_PROXY": "127.0.0.1"}
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=environment)
    try:
        ready = _wait_for(ready_file, process)
        assert oct(ready_file.stat().st_mode & 0o777) == "0o600"  # it holds the secrets
        config = run_plan("dev", REPO).clientConfigs["mobile-video"]
        media_id = _upload(Sandbox(ready, None, state), config)  # type: ignore[arg-type]
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0 and not ready_file.exists()
    lines = [json.loads(line) for line in stderr.splitlines()]
    [assume] = [line for line in lines if line.get("action") == "AssumeRole"]
    assert (assume["allowed"], assume["deciding_statement"]) == (
        True,
        "icekit-dev-mobile-video trust policy Statement[0]",
    )
    [put] = [line for line in lines if line.get("action") == "PutObject"]
    assert (put["status"], put["deciding_statement"]) == (200, f"UploadAuth of media {media_id}")
    # The bundled dev stack subscribes to ICE's upload event (no warning of a name ICE does not send); its
    # callback URL is not on loopback and not redirected here, so the sandbox refuses to send there.
    assert not any("which is not an ICE event" in line.get("message", "") for line in lines)
    [event] = [line for line in lines if line.get("kind") == "event"]
    assert (event["event_type"], event["outcome"]) == ("FileUploadComplete", "refused")
    assert all(ready["principals"][0]["accessKeySecret"] not in line for line in stderr.splitlines())

    with sandbox_thread(
        "dev",
        tmp_path / "again",
        SandboxOptions(secure_transport=True, delivery_rules=QUICK_RULES),
        state_dir=state,
    ) as again:
        assert again.ready["principals"] == ready["principals"]  # the same keys answer after a restart
        client = again.role_ice("role/mobile-backend", config["roleArn"])
        info = client.get_media_info(ice_models.GetMediaInfoRequest(media_id=media_id)).body.media_info
        assert info.media_basic_info.status == "Normal"
        address = info.file_info_list[0].file_basic_info.file_url.split("/", 3)[3]
        bucket_name, key = address.split("/", 1)
        caller = again.principal("role/mobile-backend")
        bucket = oss2_bucket(
            again.served("oss"), bucket_name, caller["accessKeyId"], caller["accessKeySecret"]
        )
        try:
            bucket.get_object(key)
        except oss2.exceptions.AccessDenied as refused:  # the principal itself has no policy in the stack
            assert "holds no role of the stack" in refused.details["Reason"]
        else:
            raise AssertionError("a principal without a stack role read an object")


def _refused(state: Path, arguments: list[str]) -> str:
    result = CliRunner().invoke(
        cli, ["sandbox", "dev", "--project-dir", str(REPO), "--state-dir", str(state), *arguments]
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def test_bad_input_exits_2_before_anything_listens(tmp_path: Path) -> None:
    state = tmp_path / "state"
    assert "0.0.0.0 is not a loopback address" in _refused(state, ["--host", "0.0.0.0"])
    assert "is not an IP address" in _refused(state, ["--source-ip", "10.0.0.300"])
    assert "is not NAME=VALUE" in _refused(state, ["--callback-url", "hooks"])
    assert "'nosuch' is not a declared HTTP callback with auth" in _refused(
        state, ["--callback-key", "nosuch=Abc123def", "--callback-url", "hooks=http://127.0.0.1:9/x"]
    )
    assert "'elsewhere' is neither a declared callback" in _refused(
        state, ["--callback-url", "elsewhere=http://127.0.0.1:9/x"]
    )
    assert "auth key must contain upper-case letters" in _refused(state, ["--callback-key", "hooks=lower"])
    assert not state.exists()  # nothing written


def test_a_port_in_use_exits_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        output = _refused(tmp_path / "state", ["--port", str(port - 1)])
    assert f"cannot listen on 127.0.0.1:{port}" in output
