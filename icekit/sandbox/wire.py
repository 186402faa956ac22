"""What a signature check needs to know about an incoming HTTP request, independent of the server library.

`IncomingRequest.from_environ` reads a WSGI environ (werkzeug's server fills it); checks and tests use the
plain dataclass. Header names are lower-case; a header sent more than once keeps all its values in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from werkzeug.wrappers import Request

__all__ = ["IncomingRequest"]


@dataclass(frozen=True)
class IncomingRequest:
    method: str
    path: str  # percent-decoded, as the server resolved it
    raw_path: str  # as sent on the wire, before the query
    raw_query: str  # as sent on the wire, after `?`
    headers: Mapping[str, tuple[str, ...]]
    body: bytes = b""
    remote_addr: str = ""
    is_secure: bool = False
    query: tuple[tuple[str, str], ...] = field(init=False)

    def __post_init__(self) -> None:
        pairs = tuple(parse_qsl(self.raw_query, keep_blank_values=True))
        object.__setattr__(self, "query", pairs)

    def header(self, name: str) -> str | None:
        """The header's value (values sent more than once joined with `,`), or None if absent."""
        values = self.headers.get(name.lower())
        return ",".join(values) if values else None

    @classmethod
    def from_environ(cls, environ: Mapping[str, Any], *, body: bytes = b"") -> IncomingRequest:
        request = Request(dict(environ))
        headers: dict[str, list[str]] = {}
        for name, value in request.headers.items():
            headers.setdefault(name.lower(), []).append(value)
        raw_uri = str(environ.get("RAW_URI") or environ.get("REQUEST_URI") or request.full_path)
        raw_path, _, raw_query = raw_uri.partition("?")
        return cls(
            method=request.method,
            path=request.path,
            raw_path=raw_path,
            raw_query=raw_query,
            headers={name: tuple(values) for name, values in headers.items()},
            body=body,
            remote_addr=request.remote_addr or "",
            is_secure=request.is_secure,
        )
