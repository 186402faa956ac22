"""Where the clients connect: the configuration's endpoints, or URLs given to override them (`sts=URL`,
`ice=URL`, `oss=URL`: a sandbox, a VPC endpoint, a proxy). A URL keeps its scheme: the OpenAPI SDK takes
the protocol apart from the host, alibabacloud-oss-v2 takes the whole URL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from icekit.errors import UserInputError

__all__ = ["NO_OVERRIDES", "SERVICES", "Endpoint", "Endpoints", "parse_endpoint_options"]

SERVICES: Final = ("sts", "ice", "oss")


@dataclass(frozen=True)
class Endpoint:
    """`host[:port]` and the protocol the OpenAPI SDK wants, from a URL or a bare host (https)."""

    host: str
    protocol: str = "https"

    @classmethod
    def parse(cls, text: str, *, key_path: str = "endpoint") -> Endpoint:
        if "://" not in text:
            return cls(text.strip("/"))
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise UserInputError(f"{text!r} is not an http(s) URL of a host (no path)", key_path=key_path)
        return cls(parts.netloc, parts.scheme)

    @property
    def url(self) -> str:
        return f"{self.protocol}://{self.host}"


@dataclass(frozen=True)
class Endpoints:
    """Overrides; None keeps the configuration's endpoint (STS: the region's; OSS: the UploadAddress's or
    the own bucket's)."""

    sts: Endpoint | None = None
    ice: Endpoint | None = None
    oss: Endpoint | None = None


NO_OVERRIDES: Final = Endpoints()


def parse_endpoint_options(options: Iterable[str]) -> Endpoints:
    """`--endpoint sts=URL` options as Endpoints; a service named twice or unknown is a UserInputError."""
    found: dict[str, Endpoint] = {}
    for option in options:
        name, sep, url = option.partition("=")
        if not sep or name not in SERVICES or not url:
            raise UserInputError(
                f"{option!r} is not SERVICE=URL with SERVICE one of {', '.join(SERVICES)}",
                key_path="--endpoint",
            )
        if name in found:
            raise UserInputError(f"{name} is given twice", key_path="--endpoint")
        found[name] = Endpoint.parse(url, key_path=f"--endpoint {name}")
    return Endpoints(**found)
