"""The regions where ICE offers CreateUploadMedia, and their endpoints.

Source: the CreateUploadMedia reference page ("available only in the China (Shanghai), China (Beijing), and
China (Shenzhen) regions"); endpoint forms `ice.<region>.aliyuncs.com` and VPC `ice-vpc.<region>.aliyuncs.com`
(both recorded with their sources in docs/ice-facts.md).

The Literal is the one spelling: type checkers cannot read a Literal built from a runtime tuple, so the tuple
is derived from it.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "SUPPORTED_REGIONS",
    "Region",
    "ice_endpoint",
    "ice_vpc_endpoint",
    "is_supported_region",
    "oss_endpoint",
    "require_supported_region",
    "sts_endpoint",
]

Region = Literal["cn-beijing", "cn-shanghai", "cn-shenzhen"]
SUPPORTED_REGIONS: tuple[str, ...] = get_args(Region)


def is_supported_region(region: str) -> bool:
    return region in SUPPORTED_REGIONS


def require_supported_region(region: str) -> str:
    """Return `region` if CreateUploadMedia exists there, else raise ValueError in user words."""
    if not is_supported_region(region):
        raise ValueError(
            f"{region!r} is not a region where ICE CreateUploadMedia exists "
            f"(allowed: {', '.join(SUPPORTED_REGIONS)})"
        )
    return region


def ice_endpoint(region: str) -> str:
    """The public ICE OpenAPI endpoint of a supported region, e.g. `ice.cn-shanghai.aliyuncs.com`.

    Always set it on the SDK client: its built-in map sends all regions but cn-shanghai to `ice.aliyuncs.com`.
    """
    return f"ice.{require_supported_region(region)}.aliyuncs.com"


def ice_vpc_endpoint(region: str) -> str:
    """The ICE endpoint inside an Alibaba Cloud VPC, e.g. `ice-vpc.cn-shanghai.aliyuncs.com`."""
    return f"ice-vpc.{require_supported_region(region)}.aliyuncs.com"


def oss_endpoint(region: str) -> str:
    """The public OSS endpoint of a supported region, e.g. `oss-cn-shanghai.aliyuncs.com` (own buckets)."""
    return f"oss-{require_supported_region(region)}.aliyuncs.com"


def sts_endpoint(region: str) -> str:
    """The regional STS endpoint, e.g. `sts.cn-shanghai.aliyuncs.com` (STS "Endpoints" page: every region has
    `sts.<region>.aliyuncs.com`; the central `sts.aliyuncs.com` works too, the regional one is nearer)."""
    return f"sts.{require_supported_region(region)}.aliyuncs.com"
