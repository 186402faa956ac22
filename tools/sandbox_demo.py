"""`make demo`: the whole upload path against `icekit sandbox STACK`, with the official SDKs only, narrated.

Starts the verb (a subprocess, on 127.0.0.1, its state in a temporary directory), a local callback receiver
the declared HTTP callback is redirected to, then per app of the stack: AssumeRole with the principal keys
of the ready file (alibabacloud-sts20150401), the upload as the app's client configuration describes it
(alibabacloud-ice20201109 CreateUploadMedia and oss2, or oss2 into the own bucket and RegisterMediaInfo),
GetMediaInfo; the signed callback verified with icekit.callbacks.verify; and two refusals. Stops the
sandbox with SIGTERM and prints how many requests it allowed and denied.

    python -m tools.sandbox_demo [STACK]      (default: dev; run from the project directory)
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

from icekit.callbacks import CallbackRejected, verify
from icekit.plan import run_plan

__all__ = ["main"]

STARTUP_SECONDS = 90.0
CALLBACK_SECONDS = 6.0


def say(text: str) -> None:
    print(text, flush=True)


class Receiver:
    """The app's callback endpoint, on loopback: keeps each POST (headers, body), answers 200."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self._server = make_server("127.0.0.1", 0, self)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_port}/ice"

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = {k[5:].replace("_", "-"): str(v) for k, v in environ.items() if k.startswith("HTTP_")}
        self.received.append((headers, body))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    def stop(self) -> None:
        self._server.shutdown()


def start_sandbox(
    stack: str, work: Path, receiver: Receiver
) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    ready_file = work / "ready.json"
    command = [
        sys.executable, "-m", "icekit.cli", "sandbox", stack, "--state-dir", str(work / "state"),
        "--ready-file", str(ready_file), "--secure-transport", "--source-ip", "10.20.0.7",
        "--callback-url", f"hooks={receiver.url}", "--log-format", "json",
    ]  # fmt: skip
    with (work / "sandbox.log").open("wb") as log:
        process = subprocess.Popen(command, stderr=log, env={**os.environ, "NO_PROXY": "127.0.0.1"})
    deadline = time.monotonic() + STARTUP_SECONDS
    while not ready_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the sandbox did not start:\n{(work / 'sandbox.log').read_text()}")
        time.sleep(0.1)
    return process, json.loads(ready_file.read_text())


def openapi_config(endpoint: str, key_id: str, secret: str, token: str | None = None) -> Any:
    from alibabacloud_tea_openapi import models as open_api_models

    host = endpoint.split("://", 1)[1]
    return open_api_models.Config(
        access_key_id=key_id, access_key_secret=secret, security_token=token, endpoint=host, protocol="http"
    )


def assume(ready: dict[str, Any], principal: dict[str, str], role_arn: str) -> Any:
    from alibabacloud_sts20150401 import models as sts_models
    from alibabacloud_sts20150401.client import Client as StsClient

    sts = StsClient(
        openapi_config(ready["endpoints"]["sts"], principal["accessKeyId"], principal["accessKeySecret"])
    )
    request = sts_models.AssumeRoleRequest(role_arn=role_arn, role_session_name="demo")
    return sts.assume_role(request).body.credentials


def ice_for(ready: dict[str, Any], issued: Any) -> Any:
    from alibabacloud_ice20201109.client import Client as IceClient

    config = openapi_config(
        ready["endpoints"]["ice"], issued.access_key_id, issued.access_key_secret, issued.security_token
    )
    return IceClient(config)


def oss2_bucket(endpoint: str, bucket: str, key_id: str, secret: str, token: str) -> Any:
    import oss2

    return oss2.Bucket(oss2.StsAuth(key_id, secret, token), endpoint, bucket)


def vod_upload(ready: dict[str, Any], ice: Any, config: dict[str, Any]) -> str:
    """CreateUploadMedia with the rendered request strings; the object written by oss2 with the UploadAuth."""
    import base64

    from alibabacloud_ice20201109 import models as ice_models

    rule = config["fileRules"][0]
    file_info = {"Type": rule["type"], "Name": "demo", "Ext": rule["extensions"][0], "Size": 4}
    static, defaults = config["request"], config["mediaDefaults"]
    created = ice.create_upload_media(
        ice_models.CreateUploadMediaRequest(
            app_id=config["appId"], file_info=json.dumps(file_info),
            media_meta_data=json.dumps({"Title": "demo", "BusinessType": defaults["businessType"]}),
            upload_target_config=static.get("UploadTargetConfig"), user_data=static.get("UserData"),
            post_process_config=static.get("PostProcessConfig"),
        )
    ).body  # fmt: skip
    address = json.loads(base64.b64decode(created.upload_address))
    auth = json.loads(base64.b64decode(created.upload_auth))
    bucket = oss2_bucket(address["Endpoint"], address["Bucket"], auth["AccessKeyId"], auth["AccessKeySecret"],
                         auth["SecurityToken"])  # fmt: skip
    bucket.put_object(address["FileName"], b"demo")
    say(
        f"  CreateUploadMedia -> {created.media_id}; oss2 PutObject {address['Bucket']}/{address['FileName']}"
    )
    return str(created.media_id)


def own_bucket_upload(ready: dict[str, Any], ice: Any, issued: Any, config: dict[str, Any]) -> str:
    """oss2 into the own bucket under the prefix with the role's session, then RegisterMediaInfo."""
    from alibabacloud_ice20201109 import models as ice_models

    own = config["ownBucket"]
    key = f"{own['prefix']}demo.{config['fileRules'][0]['extensions'][0]}"
    bucket = oss2_bucket(ready["endpoints"]["oss"], own["bucket"], issued.access_key_id,
                         issued.access_key_secret, issued.security_token)  # fmt: skip
    bucket.put_object(key, b"demo")
    input_url = f"oss://{own['bucket']}/{key}"
    registered = ice.register_media_info(ice_models.RegisterMediaInfoRequest(input_url=input_url)).body
    say(f"  oss2 PutObject {own['bucket']}/{key}; RegisterMediaInfo -> {registered.media_id}")
    return str(registered.media_id)


def run_app(ready: dict[str, Any], trusted: str, config: dict[str, Any]) -> str:
    say(f"app {config['app']} ({config['uploadMode']}): {trusted} assumes {config['roleArn']}")
    [principal] = [p for p in ready["principals"] if p["arn"] == trusted]
    issued = assume(ready, principal, config["roleArn"])
    ice = ice_for(ready, issued)
    if config["uploadMode"] == "vod":
        media_id = vod_upload(ready, ice, config)
    else:
        media_id = own_bucket_upload(ready, ice, issued, config)
    from alibabacloud_ice20201109 import models as ice_models

    info = ice.get_media_info(ice_models.GetMediaInfoRequest(media_id=media_id)).body.media_info
    size = info.file_info_list[0].file_basic_info.file_size
    say(f"  GetMediaInfo -> {info.media_basic_info.status}, {size} bytes")
    return media_id


def refusals(ready: dict[str, Any], roles: dict[str, tuple[str, ...]], config: dict[str, Any]) -> None:
    from alibabacloud_tea_openapi.exceptions import ClientException

    stranger = next(p for p in ready["principals"] if p["arn"] not in roles[config["roleArn"]])
    try:
        assume(ready, stranger, config["roleArn"])
        say("  UNEXPECTED: an untrusted principal assumed the role")
    except ClientException as refused:
        say(
            f"refused: {stranger['arn']} assuming {config['roleArn']}: {refused.code} ({refused.status_code})"
        )
    from alibabacloud_ice20201109 import models as ice_models

    trusted = next(p for p in ready["principals"] if p["arn"] == roles[config["roleArn"]][0])
    ice = ice_for(ready, assume(ready, trusted, config["roleArn"]))
    try:
        ice.delete_media_infos(ice_models.DeleteMediaInfosRequest(media_ids="0" * 32))
        say("  UNEXPECTED: the role deleted media")
    except ClientException as refused:
        detail = refused.access_denied_detail or {}
        say(f"refused: {config['roleArn']} calling DeleteMediaInfos: {refused.code}, {detail.get('Reason')}")


def callbacks(ready: dict[str, Any], receiver: Receiver, urls: dict[str, str]) -> None:
    deadline = time.monotonic() + CALLBACK_SECONDS
    while not receiver.received and time.monotonic() < deadline:
        time.sleep(0.1)
    for headers, body in receiver.received:
        for name, key in ready["callbackKeys"].items():
            try:
                event = verify(urls[name], headers, body, key)
            except CallbackRejected as rejected:
                say(f"callback NOT verified with {name}'s key: {rejected}")
                continue
            media_id = json.loads(body)["MessageBody"]["MediaId"]
            say(f"callback to {name} verified: {event.EventType} of media {media_id}")
    if not receiver.received:
        say(f"no callback within {CALLBACK_SECONDS:.0f} s (the sandbox's log below says why)")


def summary(log: Path) -> None:
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("kind") == "request"]
    allowed = sum(1 for line in requests if line.get("allowed"))
    denied = sum(1 for line in requests if line.get("allowed") is False)
    say(f"sandbox log: {len(requests)} requests, {allowed} allowed, {denied} denied")
    for line in lines:
        if line.get("kind") in ("note", "event"):
            say(f"  {line.get('message') or line.get('event_type', '') + ': ' + str(line.get('outcome'))}")


def main(argv: list[str]) -> int:
    from icekit.sandbox.stack_setup import sandbox_stack

    stack = argv[0] if argv else "dev"
    plan = run_plan(stack)
    roles = {arn: role.trusted for arn, role in sandbox_stack(plan).roles.items()}
    urls = {name: cb["url"] for name, cb in _declared_http(plan).items()}
    receiver = Receiver()
    with tempfile.TemporaryDirectory(prefix="icekit-demo-") as work:
        process, ready = start_sandbox(stack, Path(work), receiver)
        say(f"sandbox {stack}: " + ", ".join(f"{name} {url}" for name, url in ready["endpoints"].items()))
        try:
            for config in plan.clientConfigs.values():
                run_app(ready, roles[config["roleArn"]][0], config)
            refusals(ready, roles, next(iter(plan.clientConfigs.values())))
            callbacks(ready, receiver, urls)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(30)
            receiver.stop()
        summary(Path(work) / "sandbox.log")
    return 0


def _declared_http(plan: Any) -> dict[str, dict[str, Any]]:
    from icekit.facts.type_tokens import CALLBACK_ENDPOINT

    return {
        r.inputs["name"]: r.inputs
        for r in plan.resources
        if r.type == CALLBACK_ENDPOINT and r.inputs.get("url")
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
