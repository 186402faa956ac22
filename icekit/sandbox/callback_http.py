"""Where an HTTP event callback goes and one attempt to post it, as ICE posts it.

ICE's rules ("Callback events overview", https://help.aliyun.com/document_detail/441362.html;
docs/ice-facts.md section 7, Delivery): a POST with the event's JSON as body; success is HTTP 200 within 3
seconds (the answer's body is ignored); otherwise two retries one second apart, then the message is dropped.
With AuthSwitch on the request carries `X-ICE-TIMESTAMP` / `X-ICE-SIGNATURE` over the callback URL as
configured in ICE (icekit.callbacks.signature), not over the local URL the sandbox redirects it to.

The sandbox posts only to loopback unless told otherwise: a declared callback (`https://hooks.example.com/ice`)
reaches a local receiver through `CallbackRedirects`; any other non-loopback target is refused and logged.
Requests go straight to the target with http.client: no proxy from the environment is consulted.
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from icekit.errors import UserInputError
from icekit.sandbox.serving import is_loopback_host

__all__ = ["CallbackRedirects", "DeliveryRules", "is_loopback_url", "post_callback"]


@dataclass(frozen=True)
class DeliveryRules:
    """ICE's HTTP delivery rules; tests may shorten the pause."""

    timeout_seconds: float = 3.0
    retries: int = 2
    retry_pause_seconds: float = 1.0


@dataclass(frozen=True)
class CallbackRedirects:
    """Callback URL as ICE would call it -> the local receiver the sandbox posts to instead."""

    by_url: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_options(
        cls, redirects: Mapping[str, str], declared: Mapping[str, str] | None = None
    ) -> CallbackRedirects:
        """Each key is a declared callback's name (looked up in `declared`, name -> its URL) or a URL
        (`--callback-url NAME=URL` / `--callback-url https://...=URL`)."""
        names = declared or {}
        by_url: dict[str, str] = {}
        for name_or_url, local_url in redirects.items():
            url = names.get(name_or_url, name_or_url)
            if url == name_or_url and not _is_http_url(name_or_url):
                known = ", ".join(sorted(names)) or "none"
                raise UserInputError(
                    f"{name_or_url!r} is neither a declared callback (declared: {known}) nor an http(s) URL",
                    key_path="--callback-url",
                )
            if not _is_http_url(local_url):
                raise UserInputError(
                    f"{local_url!r} is not an http(s) URL to post {name_or_url}'s events to",
                    key_path="--callback-url",
                )
            by_url[url] = local_url
        return cls(by_url)

    def target_of(self, url: str) -> str:
        return self.by_url.get(url, url)


def _is_http_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def is_loopback_url(url: str) -> bool:
    return is_loopback_host(urlsplit(url).hostname or "")


def post_callback(url: str, body: bytes, headers: Mapping[str, str], timeout: float) -> str:
    """POST once; the outcome: the HTTP status as text ("200" is success), "timeout" when no whole answer
    came within `timeout` seconds, or the connection error's name."""
    parts = urlsplit(url)
    connection_type = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(parts.hostname or "", parts.port, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    started = time.monotonic()
    try:
        connection.request("POST", path, body=body, headers=dict(headers))
        response = connection.getresponse()
        response.read()
    except TimeoutError:
        return "timeout"
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        connection.close()
    if time.monotonic() - started > timeout:
        return "timeout"  # answered, but later than ICE waits
    return str(response.status)
