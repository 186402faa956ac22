"""The one URL rule of icekit (CoverURL, CallbackURL, a stack's callback `url`, a client configuration's
callback): an absolute http(s) URL with a host, a valid port and no credentials; and the one reading of a host
as an IP address, in every form a resolver accepts.

Credentials (`https://user:pass@host/`) are refused because the URL is written in clear into `.env`,
`client-config.json`, `upload_request.py` and the plan output. A host is an IP address when `ipaddress` reads
it once the forms `inet_aton` accepts are normalised (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`), or when
it is a bracketed IPv6 literal (`[::ffff:127.0.0.1]`, whose IPv4 address is the one that counts).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, urlsplit

__all__ = ["IpAddress", "host_address", "require_http_url"]

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_PART_BITS = {1: (32,), 2: (8, 24), 3: (8, 8, 16), 4: (8, 8, 8, 8)}


def _inet_aton_number(part: str) -> int | None:
    """One dotted part as inet_aton reads it: `0x..` hexadecimal, a leading `0` octal, else decimal."""
    try:
        if part[:2].lower() == "0x":
            return int(part[2:] or "0", 16) if part[2:].isalnum() else None
        if len(part) > 1 and part.startswith("0"):
            return int(part[1:], 8)
        return int(part, 10) if part.isdigit() else None
    except ValueError:
        return None


def _inet_aton(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a resolver reads in `host` (1 to 4 dotted parts, the last one filling the rest of the
    32 bits), or None."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(parts) or any(len(part) > 12 for part in parts):
        return None
    numbers = [_inet_aton_number(part) for part in parts]
    address = 0
    for number, bits in zip(numbers, _PART_BITS[len(parts)], strict=True):
        if number is None or number >= 1 << bits:
            return None
        address = (address << bits) | number
    return ipaddress.IPv4Address(address)


def host_address(host: str) -> IpAddress | None:
    """The IP address `host` (a URL's hostname, brackets removed) stands for, or None for a DNS name. An
    IPv4-mapped or IPv4-compatible IPv6 address is its IPv4 address."""
    host = host.rstrip(".").lower()
    try:
        address: IpAddress = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        found = _inet_aton(host)
        if found is None:
            return None
        address = found
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return mapped
    return address


def _shown(value: str) -> str:
    """The URL for a message, any `user:password@` masked."""
    return repr(re.sub(r"//[^/?#]*@", "//[secret]@", value))


def _split(value: str) -> SplitResult | None:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError:
        return None
    return parts


def require_http_url(value: str, *, max_utf8_bytes: int | None = None) -> str:
    """Return `value` if it is an http:// or https:// URL with a host, a valid port and no credentials, else
    raise ValueError in user words (never echoing credentials)."""
    parts = _split(value)
    if parts is not None and "@" in parts.netloc:
        raise ValueError(
            "carries credentials (`user:password@`); they would be written in clear into every client file: "
            "authenticate callbacks with the auth key instead"
        )
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"{_shown(value)} is not an http:// or https:// URL with a host (and a port 1-65535)"
        )
    if parts.port == 0:
        raise ValueError(f"{_shown(value)} has port 0; a port is 1-65535")
    if any(ch.isspace() for ch in value):
        raise ValueError(f"{_shown(value)} contains white space; a URL must not")
    if max_utf8_bytes is not None:
        size = len(value.encode("utf-8"))
        if size > max_utf8_bytes:
            raise ValueError(f"is {size} bytes long in UTF-8; at most {max_utf8_bytes} bytes allowed")
    return value
