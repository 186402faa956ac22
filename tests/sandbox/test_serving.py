"""Serving: loopback only unless allowed explicitly, port 0 picks a free port, stop is prompt and final."""

from __future__ import annotations

import http.client
import time
from typing import Any

import pytest
from werkzeug.wrappers import Request, Response

from icekit.errors import UserInputError
from icekit.sandbox.serving import is_loopback_host, require_loopback, start_server


@Request.application  # type: ignore[arg-type]
def _hello(request: Request) -> Response:
    return Response("hello")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback_host(host)
    assert require_loopback(host, allow_remote=False) == host


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "example.com"])
def test_a_remote_host_needs_the_explicit_allow(host: str) -> None:
    with pytest.raises(UserInputError) as refused:
        require_loopback(host, allow_remote=False)
    assert refused.value.key_path == "--host"
    assert "--allow-remote" in refused.value.message
    assert require_loopback(host, allow_remote=True) == host  # allowed only when asked; nothing binds here


def test_start_refuses_before_binding() -> None:
    with pytest.raises(UserInputError):
        start_server(_hello, host="0.0.0.0")


def _get(port: int) -> Any:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/")
        return connection.getresponse().read()
    finally:
        connection.close()


def test_serves_on_a_free_port_and_stops_in_bounded_time() -> None:
    first, second = start_server(_hello), start_server(_hello)
    try:
        assert first.port != second.port and 0 not in (first.port, second.port)
        assert first.url == f"http://127.0.0.1:{first.port}"
        assert _get(first.port) == b"hello"
    finally:
        started = time.monotonic()
        first.stop()
        second.stop()
        assert time.monotonic() - started < 2
    assert not first._thread.is_alive()
    with pytest.raises(ConnectionRefusedError):
        _get(first.port)
