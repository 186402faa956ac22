"""The URL rule shared by CoverURL and CallbackURL: an absolute http(s) URL with a host."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["require_http_url"]


def require_http_url(value: str, *, max_utf8_bytes: int | None = None) -> str:
    """Return `value` if it is an http:// or https:// URL with a host, else raise ValueError in user words."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host:
        raise ValueError(f"{value!r} is not an http:// or https:// URL with a host")
    if any(ch.isspace() for ch in value):
        raise ValueError(f"{value!r} contains white space; a URL must not")
    if max_utf8_bytes is not None:
        size = len(value.encode("utf-8"))
        if size > max_utf8_bytes:
            raise ValueError(f"is {size} bytes long in UTF-8; at most {max_utf8_bytes} bytes allowed")
    return value
