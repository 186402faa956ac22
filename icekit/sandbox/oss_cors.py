"""Bucket CORS as OSS answers it, so that a page on another origin (the official browser SDK, ali-oss) can
upload to the sandbox's OSS.

OSS's rules (PutBucketCors and OPTIONS pages, docs/sandbox-protocols.md section 2, CORS): the first rule
whose AllowedOrigin matches the request's `Origin`, whose AllowedMethod holds the method (for a preflight,
`Access-Control-Request-Method`) and, for a preflight, whose AllowedHeader matches every name of
`Access-Control-Request-Headers`, decides. Patterns hold at most one `*`. A preflight no rule allows is
`403 AccessForbidden` without CORS headers; any other request gets the matching rule's headers (none when no
rule matches) whatever its own outcome, errors included, so a page can read OSS's error document.
A preflight is answered before any signature check: browsers send it without credentials.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass

from icekit.sandbox.refusal import Refusal

__all__ = ["SANDBOX_CORS_RULES", "CorsRule", "cors_headers", "preflight_headers"]


def _matches(pattern: str, value: str) -> bool:
    # OSS patterns have `*` as their only wildcard; fnmatch's `?` and `[` must match literally.
    escaped = pattern.replace("[", "[[]").replace("?", "[?]")
    return fnmatch.fnmatchcase(value.lower(), escaped.lower())


@dataclass(frozen=True)
class CorsRule:
    allowed_origins: tuple[str, ...]
    allowed_methods: tuple[str, ...]
    allowed_headers: tuple[str, ...] = ()
    expose_headers: tuple[str, ...] = ()
    max_age_seconds: int | None = None

    def __post_init__(self) -> None:
        for pattern in (*self.allowed_origins, *self.allowed_headers):
            if pattern.count("*") > 1:
                raise ValueError(f"{pattern!r}: a CORS pattern holds at most one '*'")
        if any("*" in name for name in self.expose_headers):
            raise ValueError("ExposeHeader may not hold '*'")

    def allows(self, origin: str, method: str, headers: tuple[str, ...] = ()) -> bool:
        return (
            any(_matches(pattern, origin) for pattern in self.allowed_origins)
            and method in self.allowed_methods
            and all(any(_matches(p, name) for p in self.allowed_headers) for name in headers)
        )

    def response_headers(self, origin: str) -> dict[str, str]:
        headers = {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": ", ".join(self.allowed_methods),
        }
        if self.expose_headers:
            headers["Access-Control-Expose-Headers"] = ", ".join(self.expose_headers)
        if self.max_age_seconds is not None:
            headers["Access-Control-Max-Age"] = str(self.max_age_seconds)
        return headers


# The sandbox's buckets carry the rule ali-oss asks for in the browser (its README.md:240-248, "Bucket
# setup": methods PUT, GET, POST, DELETE, HEAD, headers `*`, ETag exposed, which it reads after each part,
# lib/common/multipart.js:258) plus x-oss-request-id, which the OSS console recommends exposing; origins on
# loopback only, as the sandbox itself (the README's '*' would let any page a developer opens probe it).
# x-oss-hash-crc64ecma is not exposed: the sandbox does not send it.
SANDBOX_CORS_RULES: tuple[CorsRule, ...] = (
    CorsRule(
        allowed_origins=("http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"),
        allowed_methods=("GET", "PUT", "POST", "DELETE", "HEAD"),
        allowed_headers=("*",),
        expose_headers=("ETag", "x-oss-request-id"),
        max_age_seconds=600,
    ),
)


def _requested_headers(value: str | None) -> tuple[str, ...]:
    return tuple(name.strip().lower() for name in (value or "").split(",") if name.strip())


def preflight_headers(rules: tuple[CorsRule, ...], headers: Mapping[str, str]) -> dict[str, str]:
    """The headers of a 200 answer to an OPTIONS preflight (`headers`: the request's, lower-case names),
    or a Refusal when no rule allows it."""
    origin = headers.get("origin")
    method = headers.get("access-control-request-method")
    if not origin or not method:
        raise Refusal(
            "AccessForbidden", "CORSResponse: Origin and Access-Control-Request-Method are required.", 403
        )
    requested = _requested_headers(headers.get("access-control-request-headers"))
    for rule in rules:
        if rule.allows(origin, method, requested):
            answer = rule.response_headers(origin)
            if requested:
                answer["Access-Control-Allow-Headers"] = ", ".join(requested)
            answer["Vary"] = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
            return answer
    raise Refusal(
        "AccessForbidden",
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, "
        "request method / Access-Control-Request-Method or Access-Control-Request-Headers are not "
        "whitelisted by the resource's CORS spec.",
        403,
    )


def cors_headers(rules: tuple[CorsRule, ...], origin: str | None, method: str) -> dict[str, str]:
    """The CORS headers of an actual (not preflight) response; none without an Origin or a matching rule."""
    if not origin:
        return {}
    for rule in rules:
        if rule.allows(origin, method):
            return {**rule.response_headers(origin), "Vary": "Origin"}
    return {}
