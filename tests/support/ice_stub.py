"""A stub of the ICE OpenAPI endpoint on 127.0.0.1, for tests that drive the official SDK's own client.

The SDK (alibabacloud-ice20201109) speaks RPC style: every call is an HTTP request whose `Action` and
parameters arrive in the query string (and, for some calls, a form body). Tests register one handler per
Action; each returns the JSON body ICE would answer with. Every request is recorded for assertions.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["IceStub", "RecordedCall", "StubError", "ice_client_for", "running_ice_stub"]


class StubError(Exception):
    """Raised by a handler to answer with an ICE-style error body."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


Handler = Callable[[dict[str, str]], dict[str, Any]]


@dataclass
class RecordedCall:
    action: str
    params: dict[str, str]
    method: str
    headers: dict[str, str]


@dataclass
class IceStub:
    handlers: dict[str, Handler] = field(default_factory=dict)
    calls: list[RecordedCall] = field(default_factory=list)
    port: int = 0

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def endpoint_url(self) -> str:
        """The endpoint override a rendered snippet or the event-callback provider takes (plain HTTP)."""
        return f"http://{self.endpoint}"

    def on(self, action: str, handler: Handler) -> None:
        self.handlers[action] = handler

    def calls_to(self, action: str) -> list[RecordedCall]:
        return [c for c in self.calls if c.action == action]


def _make_request_handler(stub: IceStub) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            split = urlsplit(self.path)
            params = dict(parse_qsl(split.query, keep_blank_values=True))
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                body = self.rfile.read(length).decode("utf-8")
                params.update(parse_qsl(body, keep_blank_values=True))
            action = params.get("Action") or self.headers.get("x-acs-action", "")
            stub.calls.append(RecordedCall(action, params, self.command, dict(self.headers.items())))
            handler = stub.handlers.get(action)
            try:
                if handler is None:
                    raise StubError("InvalidAction.NotFound", f"stub has no handler for {action!r}", 404)
                status, payload = 200, handler(params)
            except StubError as exc:
                status = exc.status
                payload = {"RequestId": "STUB-ERROR", "Code": exc.code, "Message": exc.message}
            data = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = _serve
        do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            return

    return _Handler


@contextmanager
def running_ice_stub() -> Iterator[IceStub]:
    """Start the stub on an ephemeral loopback port; stop it on exit."""
    stub = IceStub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _make_request_handler(stub))
    stub.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def ice_client_for(stub: IceStub) -> Any:
    """The official SDK client, pointed at the stub over plain HTTP on loopback, with dummy credentials."""
    from alibabacloud_ice20201109.client import Client
    from alibabacloud_tea_openapi import models as open_api_models

    config = open_api_models.Config(
        access_key_id="stub-access-key-id",
        access_key_secret="stub-access-key-secret",
        endpoint=stub.endpoint,
        protocol="http",
        region_id="cn-shanghai",
    )
    return Client(config)
