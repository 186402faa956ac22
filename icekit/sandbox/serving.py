"""Serve a sandbox WSGI application with werkzeug's threaded server, on loopback unless told otherwise.

`start_server` refuses a non-loopback host unless `allow_remote` (the verb's `--allow-remote`), binds (port 0
picks a free port; a taken one is an OSError), serves in a daemon thread and returns a handle whose `stop`
ends it in bounded time.
Request logging is the applications' job (request_log), so the server's own access log is silenced.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from icekit.errors import UserInputError

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

__all__ = ["RunningServer", "is_loopback_host", "require_loopback", "running_server", "start_server"]

_POLL_SECONDS = 0.1  # how often the serving loop looks for a stop request
_BACKLOG = 128  # connections waiting to be accepted (socketserver's default is 5: too few for SDK bursts)


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def require_loopback(host: str, *, allow_remote: bool) -> str:
    """`host` if it is a loopback address or remote serving was allowed explicitly; else a user mistake."""
    if is_loopback_host(host) or allow_remote:
        return host
    raise UserInputError(
        f"{host} is not a loopback address: the sandbox serves 127.0.0.1 only unless --allow-remote is given",
        key_path="--host",
    )


def _listening_socket(host: str, port: int) -> socket.socket:
    """Bound and listening, or an OSError (a taken port) for the caller: werkzeug's own bind would print and
    exit the process instead."""
    address = host.strip("[]")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((address, port))
        listener.listen(_BACKLOG)
    except BaseException:
        listener.close()
        raise
    return listener


class _QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return


@dataclass
class RunningServer:
    host: str
    port: int
    scheme: str
    _server: BaseWSGIServer
    _thread: threading.Thread

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    @property
    def endpoint(self) -> str:
        """`host:port`, the form the OpenAPI SDKs take as `endpoint`."""
        return self.url.split("://", 1)[1]

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving and close the socket; returns within about `timeout` seconds."""
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout)


def start_server(
    app: WSGIApplication,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    allow_remote: bool = False,
    ssl_context: Any = None,
) -> RunningServer:
    listener = _listening_socket(require_loopback(host, allow_remote=allow_remote), port)
    with listener:  # werkzeug serves a duplicate of it
        server = make_server(
            host,
            port,
            app,
            threaded=True,
            request_handler=_QuietRequestHandler,
            ssl_context=ssl_context,
            fd=listener.fileno(),
        )
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": _POLL_SECONDS},
        name="icekit-sandbox",
        daemon=True,
    )
    thread.start()
    scheme = "https" if ssl_context is not None else "http"
    return RunningServer(host, server.port, scheme, server, thread)


@contextmanager
def running_server(app: WSGIApplication, **options: Any) -> Iterator[RunningServer]:
    server = start_server(app, **options)
    try:
        yield server
    finally:
        server.stop()
