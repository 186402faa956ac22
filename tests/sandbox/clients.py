"""The official SDK clients, unmodified, pointed at a sandbox server on loopback over plain HTTP."""

from __future__ import annotations

from typing import Any

from icekit.sandbox.serving import RunningServer

__all__ = ["ice_client", "ice_rpc_params", "oss2_bucket", "oss_v2_client", "sts_client"]


def _openapi_config(
    server: RunningServer, key_id: str, secret: str, token: str | None, signature_algorithm: str | None
) -> Any:
    from alibabacloud_tea_openapi import models as open_api_models

    return open_api_models.Config(
        access_key_id=key_id,
        access_key_secret=secret,
        security_token=token,
        endpoint=server.endpoint,
        protocol="http",
        region_id="cn-shanghai",
        signature_algorithm=signature_algorithm,
    )


def sts_client(
    server: RunningServer, key_id: str, secret: str, token: str | None = None, *, v2: bool = False
) -> Any:
    from alibabacloud_sts20150401.client import Client

    return Client(_openapi_config(server, key_id, secret, token, "v2" if v2 else None))


def ice_client(
    server: RunningServer, key_id: str, secret: str, token: str | None = None, *, v2: bool = False
) -> Any:
    from alibabacloud_ice20201109.client import Client

    return Client(_openapi_config(server, key_id, secret, token, "v2" if v2 else None))


def oss2_bucket(
    server: RunningServer,
    bucket: str,
    key_id: str,
    secret: str,
    token: str | None = None,
    *,
    v4: bool = False,
) -> Any:
    import oss2

    version = oss2.AUTH_VERSION_4 if v4 else oss2.AUTH_VERSION_1
    auth = (
        oss2.StsAuth(key_id, secret, token, auth_version=version)
        if token
        else oss2.make_auth(key_id, secret, auth_version=version)
    )
    return oss2.Bucket(auth, server.url, bucket, region="cn-shanghai")


def oss_v2_client(
    server: RunningServer, key_id: str, secret: str, token: str | None = None, *, v1: bool = False
) -> Any:
    import alibabacloud_oss_v2 as oss

    config = oss.config.load_default()
    config.credentials_provider = oss.credentials.StaticCredentialsProvider(key_id, secret, token)
    config.region = "cn-shanghai"
    config.endpoint = server.url
    config.retry_max_attempts = 1  # a refusal must surface at once, not after backoff
    if v1:
        config.signature_version = "v1"
    return oss.Client(config)


def ice_rpc_params(action: str) -> Any:
    """What the generated ICE client passes to `call_api` for an RPC action: for calls it has no method for,
    or with a form body (the SDK's generic entry point, still the official signer)."""
    from alibabacloud_tea_openapi import utils_models as open_api_models

    return open_api_models.Params(
        action=action,
        version="2020-11-09",
        protocol="HTTP",
        pathname="/",
        method="POST",
        auth_type="AK",
        style="RPC",
        req_body_type="formData",
        body_type="json",
    )
