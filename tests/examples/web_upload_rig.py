"""The processes behind tests/examples/test_web_upload.py: `icekit sandbox dev` (the verb, a subprocess, its
ready file) and the example server (examples/web-upload/server.py, a subprocess) that the sandbox's HTTP
callback is redirected to; both on 127.0.0.1, both stopped with SIGTERM; and what the browser needs."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "web-upload"
ALI_OSS_BUNDLE = EXAMPLE / "node_modules" / "ali-oss" / "dist" / "aliyun-oss-sdk.min.js"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "build" / "test-artifacts"
ICEKIT = Path(sys.executable).with_name("icekit")
READY_SECONDS = 120.0  # the verb plans the stack first: some seconds on a loaded 2-core machine
CALLBACK = "hooks"  # the dev stack's HTTP callback with auth (app mobile-video)
# Debian's Chromium, headless, nothing but the page's own loopback traffic.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-proxy-server",
]  # fmt: skip

__all__ = ["ARTIFACTS", "CHROMIUM", "CHROMIUM_ARGS", "Stack", "require_browser", "web_upload_stack"]


def require_browser() -> None:
    """Chromium and the page's npm packages are `make browser`'s job: CI fails without them, a
    developer's run skips, saying how to get them."""
    missing = [str(path) for path in (CHROMIUM, ALI_OSS_BUNDLE) if not path.exists()]
    if not missing:
        return
    message = f"{', '.join(missing)} missing: run `make browser` (apt-get install chromium, npm ci)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def loopback_environment() -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    environment.pop("ICE_CALLBACK_KEYS", None)
    return {**environment, "NO_PROXY": "127.0.0.1,localhost"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_file(path: Path, process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if path.exists():
            return path.read_text(encoding="utf-8")
        if process.poll() is not None:
            raise AssertionError(f"{process.args!r} exited {process.returncode}:\n{log.read_text()}")
        time.sleep(0.1)
    raise AssertionError(f"no {path.name} within {READY_SECONDS} s:\n{log.read_text()}")


@contextmanager
def _process(command: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=sink, env=loopback_environment(), cwd=REPO)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class Stack:
    ready_file: Path
    ready: dict[str, Any]
    config_file: Path
    server_url: str
    sandbox_log: Path
    server_log: Path

    def sandbox_lines(self) -> list[dict[str, Any]]:
        lines = self.sandbox_log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]


@contextmanager
def web_upload_stack(directory: Path, config: str) -> Iterator[Stack]:
    """`icekit sandbox dev` with its `hooks` callback sent to the example server, and that server."""
    config_file, ready_file, address_file = (
        directory / n for n in ("client-config.json", "ready.json", "url")
    )
    config_file.write_text(config, encoding="utf-8")
    port, key = free_port(), "WebUpload" + secrets.token_hex(8)  # ICE: upper, lower case and digits
    sandbox = [str(ICEKIT), "sandbox", "dev", "--project-dir", str(REPO),
               "--state-dir", str(directory / "state"), "--ready-file", str(ready_file),
               "--secure-transport", "--log-format", "json",
               "--callback-url", f"{CALLBACK}=http://127.0.0.1:{port}/ice/callback",
               "--callback-key", f"{CALLBACK}={key}"]  # fmt: skip
    server = [sys.executable, str(EXAMPLE / "server.py"), "--config", str(config_file),
              "--sandbox", str(ready_file), "--port", str(port), "--address-file", str(address_file),
              "--verbose"]  # fmt: skip
    sandbox_log, server_log = directory / "sandbox.log", directory / "server.log"
    with _process(sandbox, sandbox_log) as running:
        ready = json.loads(_wait_for_file(ready_file, running, sandbox_log))
        assert ready["callbackKeys"][CALLBACK] == key
        with _process(server, server_log) as serving:
            url = _wait_for_file(address_file, serving, server_log).strip()
            yield Stack(ready_file, ready, config_file, url, sandbox_log, server_log)
