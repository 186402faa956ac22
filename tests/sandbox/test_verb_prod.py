"""`icekit sandbox prod` rehearses the production network: with `--source-ip` outside mobile-video's
`sourceIp` blocks, the role's policy condition denies CreateUploadMedia; inside them it is allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alibabacloud_tea_openapi.exceptions import ClientException

from icekit.plan import run_plan
from icekit.sandbox.runner import SandboxOptions
from tests.sandbox.verb_rig import QUICK_RULES, REPO, sandbox_thread, vod_upload_request


@pytest.fixture(scope="module")
def mobile_video() -> dict[str, Any]:
    return run_plan("prod", REPO).clientConfigs["mobile-video"]


def _create(tmp_path: Path, config: dict[str, Any], source_ip: str, logged: list[str]) -> Any:
    options = SandboxOptions(source_ip=source_ip, secure_transport=True, delivery_rules=QUICK_RULES)
    with sandbox_thread("prod", tmp_path, options) as sandbox:
        client = sandbox.role_ice("role/mobile-backend", config["roleArn"])
        request = vod_upload_request(config, {"Type": "video", "Name": "clip", "Ext": "mp4"})
        try:
            return client.create_upload_media(request).body
        finally:
            logged.append(sandbox.log.text())


def test_outside_the_source_ip_blocks_create_upload_media_is_denied(
    tmp_path: Path, mobile_video: dict[str, Any]
) -> None:
    logged: list[str] = []
    with pytest.raises(ClientException) as refused:
        _create(tmp_path, mobile_video, "192.0.2.10", logged)
    assert (refused.value.status_code, refused.value.code) == (403, "Forbidden.RAM")
    detail = refused.value.access_denied_detail
    assert detail["AuthAction"] == "ice:CreateUploadMedia"
    assert detail["Reason"] == (
        "no statement of the policies of acs:ram::3456789012345678:role/icekit-prod-mobile-video allows "
        "ice:CreateUploadMedia in this context"
    )
    assert "ice CreateUploadMedia 403 Forbidden.RAM" in logged[0]
    assert "from 192.0.2.10: denied: no statement of the policies" in logged[0]


def test_inside_the_source_ip_blocks_create_upload_media_is_allowed(
    tmp_path: Path, mobile_video: dict[str, Any]
) -> None:
    logged: list[str] = []
    created = _create(tmp_path, mobile_video, "47.106.11.200", logged)
    assert len(created.media_id) == 32
    assert "from 47.106.11.200: allowed by icekit-prod-mobile-video-upload Statement[0]" in logged[0]
