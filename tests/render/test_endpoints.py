"""Every client icekit renders or builds sets the regional endpoint explicitly: the SDK's own map resolves
every region but cn-shanghai to ice.aliyuncs.com (docs/ice-facts.md, section 4)."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest

from components.ice.client import ENDPOINT_ENV, ice_client
from icekit.clientconfig import ClientConfig
from icekit.facts.regions import SUPPORTED_REGIONS, ice_endpoint, ice_vpc_endpoint
from icekit.render import render_client_config_files
from tests.models.samples import client_config_data, own_bucket_config_data


def _sdk_default(region: str) -> str:
    """Where the SDK would go without an endpoint: its own map."""
    from alibabacloud_ice20201109.client import Client
    from alibabacloud_tea_openapi import models as open_api_models

    client = Client(open_api_models.Config(access_key_id="a", access_key_secret="b", region_id=region))
    endpoint: str = client._endpoint
    return endpoint


def test_the_sdk_alone_would_send_beijing_and_shenzhen_to_the_central_endpoint() -> None:
    # the reason for the rule: if this ever changes, the rule is still right, but say so
    assert _sdk_default("cn-beijing") == "ice.aliyuncs.com"
    assert _sdk_default("cn-shenzhen") == "ice.aliyuncs.com"


@pytest.mark.parametrize("region", SUPPORTED_REGIONS)
def test_the_components_client_uses_the_regional_endpoint(
    region: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENDPOINT_ENV, raising=False)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "a")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "b")
    assert ice_client(region)._endpoint == ice_endpoint(region)


def _snippet(tmp_path: Path, document: dict[str, Any]) -> dict[str, Any]:
    path = tmp_path / f"{document['uploadMode']}-{document['region']}.py"
    files = render_client_config_files(ClientConfig.from_data(document))
    path.write_text(files["upload_request.py"], encoding="utf-8")
    return runpy.run_path(str(path))


def _in_region(document: dict[str, Any], region: str) -> dict[str, Any]:
    document.update(region=region, endpoint=ice_endpoint(region), vpcEndpoint=ice_vpc_endpoint(region))
    document.get("request", {}).pop("UploadTargetConfig", None)
    if "ownBucket" in document:
        document["ownBucket"].update(region=region, endpoint=f"oss-{region}.aliyuncs.com")
    return document


@pytest.mark.parametrize("region", SUPPORTED_REGIONS)
@pytest.mark.parametrize("make", [client_config_data, own_bucket_config_data])
def test_rendered_snippets_build_clients_on_the_regional_endpoint(
    tmp_path: Path, region: str, make: Any
) -> None:
    snippet = _snippet(tmp_path, _in_region(make(), region))
    assert snippet["ENDPOINT"] == ice_endpoint(region)
    assert snippet["VPC_ENDPOINT"] == f"ice-vpc.{region}.aliyuncs.com"
    client = snippet["build_client"]("a", "b", "c")
    assert (client._endpoint, client._protocol) == (ice_endpoint(region), "https")
    vpc = snippet["build_client"]("a", "b", "c", endpoint=snippet["VPC_ENDPOINT"])
    assert vpc._endpoint == ice_vpc_endpoint(region)
    local = snippet["build_client"]("a", "b", "c", endpoint="http://127.0.0.1:8080")
    assert (local._endpoint, local._protocol) == ("127.0.0.1:8080", "http")


def test_the_dotenv_names_both_endpoints() -> None:
    env = render_client_config_files(ClientConfig.from_data(client_config_data()))[".env"]
    assert "ICE_ENDPOINT='ice.cn-shanghai.aliyuncs.com'" in env
    assert "ICE_VPC_ENDPOINT='ice-vpc.cn-shanghai.aliyuncs.com'" in env
