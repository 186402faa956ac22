"""Overhead of icekit.upload against the bare SDK calls for the same upload, against the in-process sandbox;
and the import time of `icekit.upload` against `import alibabacloud_ice20201109`.

The bare path is what an application writes by hand with the same official SDKs: AssumeRole once (cached),
then per upload CreateUploadMedia, decode UploadAddress/UploadAuth, one alibabacloud-oss-v2 PutObject (or a
multipart upload above the threshold). icekit.upload adds the client-configuration checks, FileInfo and
MediaMetaData models, retries and checkpoints. Runs alternate so neither profits from a warmer cache; the
medians and the ratio are printed (target: at most 1.1x).

    .venv/bin/python bench/upload.py [--repeat 9] [--size-kib 2048]
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from icekit.clientconfig import ClientConfig, VodClientConfig
from icekit.upload import TransferOptions, Uploader, read_ready_file

APP = "mobile-video"


def _bare_upload(ready: dict[str, Any], config: VodClientConfig, issued: Any, file: Path) -> str:
    import alibabacloud_oss_v2 as oss
    from alibabacloud_ice20201109 import models as ice_models
    from alibabacloud_ice20201109.client import Client
    from alibabacloud_tea_openapi import models as open_api_models

    data = file.read_bytes()
    ice = Client(
        open_api_models.Config(
            access_key_id=issued.access_key_id, access_key_secret=issued.access_key_secret,
            security_token=issued.security_token, endpoint=ready["endpoints"]["ice"].split("://")[1],
            protocol="http", region_id=config.region,
        )
    )  # fmt: skip
    body = ice.create_upload_media(
        ice_models.CreateUploadMediaRequest(
            app_id=config.appId,
            file_info=json.dumps({"Type": "video", "Name": "bench", "Size": len(data), "Ext": "mp4"}),
            media_meta_data=json.dumps({"Title": "bench", "Tags": "mobile", "BusinessType": "general"}),
            upload_target_config=config.request.UploadTargetConfig,
            user_data=config.request.UserData,
            post_process_config=config.request.PostProcessConfig,
        )
    ).body
    address = json.loads(base64.b64decode(body.upload_address))
    auth = json.loads(base64.b64decode(body.upload_auth))
    cfg = oss.config.load_default()
    cfg.credentials_provider = oss.credentials.StaticCredentialsProvider(
        auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"]
    )
    cfg.region, cfg.endpoint = config.region, ready["endpoints"]["oss"]
    oss.Client(cfg).put_object(
        oss.PutObjectRequest(bucket=address["Bucket"], key=address["FileName"], body=data)
    )
    return str(body.media_id)


def _assume(ready: dict[str, Any], config: ClientConfig) -> Any:
    from alibabacloud_sts20150401 import models as sts_models
    from alibabacloud_sts20150401.client import Client
    from alibabacloud_tea_openapi import models as open_api_models

    for principal in ready["principals"]:
        client = Client(
            open_api_models.Config(
                access_key_id=principal["accessKeyId"], access_key_secret=principal["accessKeySecret"],
                endpoint=ready["endpoints"]["sts"].split("://")[1], protocol="http", region_id=config.region,
            )
        )  # fmt: skip
        try:
            request = sts_models.AssumeRoleRequest(role_arn=config.roleArn, role_session_name="bench")
            return client.assume_role(request).body.credentials
        except Exception:  # not trusted by this role: the next principal
            continue
    raise SystemExit("no principal may assume the role")


def _timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def upload_overhead(repeat: int, size: int) -> None:
    from tests.upload.sandbox_env import sandbox_for, stack_for_sandbox

    configs, trust = stack_for_sandbox("dev", Path(__file__).resolve().parents[1])
    with tempfile.TemporaryDirectory() as scratch, sandbox_for(configs, Path(scratch), trust) as env:
        config = configs[APP]
        assert isinstance(config, VodClientConfig)
        file = Path(scratch) / "bench.mp4"
        file.write_bytes(b"\x00" * size)
        uploader = Uploader.for_sandbox(
            config.to_data(), read_ready_file(env.ready_file), options=TransferOptions()
        )
        issued = _assume(env.ready, config)
        bare, kit = [], []
        for index in range(repeat + 1):
            pair = [
                ("bare", lambda: _bare_upload(env.ready, config, issued, file)),
                ("icekit", lambda: uploader.upload(file, title="bench")),
            ]
            for name, action in pair if index % 2 else reversed(pair):
                elapsed = _timed(action)
                if index:  # the first round warms both paths up
                    (bare if name == "bare" else kit).append(elapsed)
    b, k = statistics.median(bare), statistics.median(kit)
    print(f"upload of {size // 1024} KiB, median of {repeat}: bare SDK {b * 1000:.1f} ms, "
          f"icekit.upload {k * 1000:.1f} ms, ratio {k / b:.2f}x")  # fmt: skip


def _import_microseconds(module: str) -> int:
    """`module`'s cumulative import time as `python -X importtime` reports it (a fresh interpreter)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in done.stderr.splitlines():
        _, _, cumulative, name = (part.strip() for part in line.replace("|", ":").split(":"))
        if name == module:
            return int(cumulative)
    raise AssertionError(f"{module} is not in the import time report")


def import_time(repeat: int) -> None:
    # -X importtime excludes the interpreter's start-up, which dominates (and blurs) wall-clock timings.
    modules = ("icekit.upload", "alibabacloud_ice20201109", "alibabacloud_ice20201109.client")
    times: dict[str, list[int]] = {module: [] for module in modules}
    for index in range(repeat):
        for module in modules if index % 2 else reversed(modules):
            times[module].append(_import_microseconds(module))
    medians = {module: statistics.median(values) for module, values in times.items()}
    for module, value in medians.items():
        print(f"import {module:40} {value / 1000:8.1f} ms (median of {repeat}, -X importtime)")
    ratio = medians["icekit.upload"] / medians["alibabacloud_ice20201109"]
    print(f"import icekit.upload / import alibabacloud_ice20201109: {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--size-kib", type=int, default=2048)
    args = parser.parse_args()
    import_time(args.repeat)
    upload_overhead(args.repeat, args.size_kib * 1024)


if __name__ == "__main__":
    main()
