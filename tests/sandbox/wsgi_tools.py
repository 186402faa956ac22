"""A WSGI middleware for tests: records each request as it arrived and can alter it in flight (a tampered
parameter, body or header) before the sandbox application sees it; `replay` sends a recorded request again."""

from __future__ import annotations

import http.client
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CapturedRequest", "Interceptor", "replay"]


@dataclass(frozen=True)
class CapturedRequest:
    method: str
    uri: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Interceptor:
    app: Any
    replace_in_uri: tuple[str, str] | None = None
    replace_in_body: tuple[bytes, bytes] | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)
    captured: list[CapturedRequest] = field(default_factory=list)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = {k[5:].replace("_", "-").title(): v for k, v in environ.items() if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        self.captured.append(CapturedRequest(environ["REQUEST_METHOD"], environ["RAW_URI"], headers, body))
        if self.replace_in_uri is not None:
            old, new = self.replace_in_uri
            for name in ("QUERY_STRING", "RAW_URI", "REQUEST_URI"):
                environ[name] = environ[name].replace(old, new)
        if self.replace_in_body is not None:
            body = body.replace(*self.replace_in_body)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        for name, value in self.extra_headers.items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        return self.app(environ, start_response)  # type: ignore[no-any-return]


def replay(port: int, request: CapturedRequest) -> tuple[int, bytes]:
    """Send a recorded request again, byte for byte, to 127.0.0.1:`port`; (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(request.method, request.uri, body=request.body, headers=request.headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
