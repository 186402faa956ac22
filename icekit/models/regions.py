"""The regions where ICE offers CreateUploadMedia, and their endpoints.

Source: the CreateUploadMedia reference page ("available only in the China (Shanghai), China (Beijing), and
China (Shenzhen) regions"), /work/shared/reference/CreateUploadMedia.txt.
"""

from __future__ import annotations

__all__ = [
    "SUPPORTED_REGIONS",
    "ice_endpoint",
    "is_supported_region",
    "oss_endpoint",
    "require_supported_region",
]

SUPPORTED_REGIONS: tuple[str, ...] = ("cn-beijing", "cn-shanghai", "cn-shenzhen")


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
    """The public ICE OpenAPI endpoint of a supported region, e.g. `ice.cn-shanghai.aliyuncs.com`."""
    return f"ice.{require_supported_region(region)}.aliyuncs.com"


def oss_endpoint(region: str) -> str:
    """The public OSS endpoint of a supported region, e.g. `oss-cn-shanghai.aliyuncs.com` (own buckets)."""
    return f"oss-{require_supported_region(region)}.aliyuncs.com"
