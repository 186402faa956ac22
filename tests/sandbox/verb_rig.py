"""`icekit sandbox` for tests: the verb's run (icekit.sandbox.session.serve_until) in a thread, its ready file
read, and the official SDK clients pointed at it (tests/sandbox/clients.py), as an app would do it."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alibabacloud_ice20201109 import models as ice_models
from alibabacloud_sts20150401 import models as sts_models

from icekit.sandbox.runner import SandboxOptions
from icekit.sandbox.session import SandboxRun, serve_until
from tests.sandbox.clients import ice_client, sts_client
from tests.sandbox.upload_rig import QUICK_RULES, CallbackReceiver, ReceivedCallback

__all__ = [
    "QUICK_RULES",
    "REPO",
    "LogLines",
    "Sandbox",
    "ServedAt",
    "callback_for",
    "corrected_stack",
    "sandbox_thread",
    "vod_upload_request",
]

REPO = Path(__file__).resolve().parents[2]
READY_TIMEOUT_SECONDS = 90.0  # planning on a loaded 2-core machine takes a few seconds


def corrected_stack(directory: Path, name: str) -> Path:
    """A copy of the bundled stack file, to plan from a directory of the test's own (the bundled stacks
    subscribe to ICE's `FileUploadComplete`, docs/ice-facts.md section 7)."""
    text = (REPO / "stacks" / f"Pulumi.{name}.yaml").read_text(encoding="utf-8")
    path = directory / f"Pulumi.{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@dataclass(frozen=True)
class ServedAt:
    """An endpoint from the ready file, in the shape tests/sandbox/clients.py takes (url, endpoint)."""

    url: str

    @property
    def endpoint(self) -> str:
        return self.url.split("://", 1)[1]


@dataclass
class LogLines:
    """The verb's stderr, collected (thread-safe)."""

    parts: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def write(self, text: str) -> int:
        with self.lock:
            self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        return

    def text(self) -> str:
        with self.lock:
            return "".join(self.parts)


@dataclass
class Sandbox:
    ready: dict[str, Any]
    log: LogLines
    state_dir: Path

    def served(self, service: str) -> ServedAt:
        return ServedAt(self.ready["endpoints"][service])

    def principal(self, name: str) -> dict[str, str]:
        """The ready file's entry of the principal whose ARN ends with `name` (e.g. `role/mobile-backend`)."""
        [entry] = [p for p in self.ready["principals"] if p["arn"].endswith(f":{name}")]
        return entry

    def assume(self, principal: str, role_arn: str, session: str = "app-server") -> Any:
        """AssumeRole signed with the principal's keys from the ready file; the issued Credentials."""
        caller = self.principal(principal)
        client = sts_client(self.served("sts"), caller["accessKeyId"], caller["accessKeySecret"])
        request = sts_models.AssumeRoleRequest(role_arn=role_arn, role_session_name=session)
        return client.assume_role(request).body.credentials

    def role_ice(self, principal: str, role_arn: str) -> Any:
        issued = self.assume(principal, role_arn)
        return ice_client(
            self.served("ice"), issued.access_key_id, issued.access_key_secret, issued.security_token
        )


def _wait_for_ready(path: Path, thread: threading.Thread, failure: list[BaseException]) -> dict[str, Any]:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if failure:
            raise failure[0]
        if path.exists():
            document = json.loads(path.read_text(encoding="utf-8"))
            assert isinstance(document, dict)
            return document
        assert thread.is_alive(), "the sandbox stopped before it was ready"
        time.sleep(0.05)
    raise AssertionError(f"no ready file within {READY_TIMEOUT_SECONDS} s")


@contextmanager
def sandbox_thread(
    stack: str | Path, directory: Path, options: SandboxOptions, *, state_dir: Path | None = None
) -> Iterator[Sandbox]:
    """`icekit sandbox STACK --ready-file DIR/ready.json --state-dir ...` in a thread, stopped on exit."""
    ready_file, state = directory / "ready.json", state_dir or directory / "state"
    log, stop, failure = LogLines(), threading.Event(), []
    run = SandboxRun(str(stack), REPO, state, ready_file, options)

    def serve() -> None:
        try:
            serve_until(run, stop, log)  # type: ignore[arg-type]  # a TextIO-like sink
        except BaseException as error:  # reported to the test thread
            failure.append(error)

    thread = threading.Thread(target=serve, name="icekit-sandbox-test", daemon=True)
    thread.start()
    try:
        yield Sandbox(_wait_for_ready(ready_file, thread, failure), log, state)
    finally:
        stop.set()
        thread.join(20)
    assert not thread.is_alive(), "the sandbox did not stop within 20 s"
    assert not ready_file.exists(), "a stopped sandbox leaves no ready file"
    if failure:
        raise failure[0]


def callback_for(receiver: CallbackReceiver, media_id: str, timeout: float = 10.0) -> ReceivedCallback:
    """The callback whose body names `media_id` (several tests share one receiver)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for received in list(receiver.received):
            if media_id.encode() in received.body:
                return received
        time.sleep(0.05)
    raise AssertionError(f"no callback for {media_id} within {timeout} s: {receiver.received}")


def vod_upload_request(config: dict[str, Any], file_info: dict[str, Any]) -> Any:
    """CreateUploadMedia as an app builds it from its rendered client configuration: the static request
    strings as they are, FileInfo per file, MediaMetaData from mediaDefaults."""
    defaults = config["mediaDefaults"]
    metadata = {"Title": file_info["Name"], "BusinessType": defaults["businessType"]}
    if defaults["tags"]:
        metadata["Tags"] = ",".join(defaults["tags"])
    static = config["request"]
    return ice_models.CreateUploadMediaRequest(
        app_id=config["appId"],
        file_info=json.dumps(file_info),
        media_meta_data=json.dumps(metadata),
        upload_target_config=static.get("UploadTargetConfig"),
        user_data=static.get("UserData"),
        post_process_config=static.get("PostProcessConfig"),
    )
