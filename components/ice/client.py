"""The official ICE SDK client, built per call from the region and an optional endpoint override.

`ICEKIT_ICE_ENDPOINT` (or a provider's `endpoint`) overrides `ice.<region>.aliyuncs.com`; an override given as
`http://host:port` speaks plain HTTP (the tests' stub on 127.0.0.1), anything else HTTPS. Credentials come
from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET/_SECURITY_TOKEN, or pulumi-alicloud's
ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY/ALICLOUD_SECURITY_TOKEN), else the SDK's default credential chain.
"""

from __future__ import annotations

import os
from typing import Any

__all__ = ["ENDPOINT_ENV", "ice_client", "resolve_endpoint"]

ENDPOINT_ENV = "ICEKIT_ICE_ENDPOINT"

_CREDENTIAL_ENV = (
    ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"),
    ("ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN"),
)


def resolve_endpoint(region: str, endpoint: str | None = None) -> tuple[str, str]:
    """(host[:port], protocol) to call."""
    override = endpoint or os.environ.get(ENDPOINT_ENV) or ""
    if not override:
        # imported per call: the provider process loads this module without icekit (a small, pickled provider)
        from icekit.facts.regions import ice_endpoint

        return ice_endpoint(region), "https"
    if override.startswith("http://"):
        return override.removeprefix("http://").rstrip("/"), "http"
    return override.removeprefix("https://").rstrip("/"), "https"


def ice_client(region: str, endpoint: str | None = None) -> Any:
    from alibabacloud_ice20201109.client import Client
    from alibabacloud_tea_openapi import models as open_api_models

    host, protocol = resolve_endpoint(region, endpoint)
    config = open_api_models.Config(endpoint=host, protocol=protocol, region_id=region)
    for key_id, secret, token in _CREDENTIAL_ENV:
        if os.environ.get(key_id) and os.environ.get(secret):
            config.access_key_id = os.environ[key_id]
            config.access_key_secret = os.environ[secret]
            config.security_token = os.environ.get(token) or None
            break
    else:
        from alibabacloud_credentials.client import Client as CredentialClient

        config.credential = CredentialClient()
    return Client(config)
