"""The example upload server (examples/web-upload/README.md): serves the page, issues and renews upload
tickets with icekit.upload, receives ICE's callbacks (icekit.callbacks.verify) and reports a media's status.
Standard library HTTP (http.server.ThreadingHTTPServer): one thread per request.

    python examples/web-upload/server.py --config client-config.json [--sandbox READY_FILE]
        [--host 127.0.0.1] [--port 8080] [--address-file FILE]

Routes: GET / (the page), GET /app.js, GET /vendor/aliyun-oss-sdk.min.js (ali-oss from node_modules),
POST /ticket {"fileName", "size", "title"}, POST /ticket/renew {"mediaId"}, GET /media/<MediaId>,
POST <path of the app's callback URL> (ICE's callbacks).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from upload_service import UploadService

from icekit.errors import UserInputError
from icekit.upload import Uploader, UploadError, load_client_config, read_ready_file

__all__ = ["main"]

HERE = Path(__file__).resolve().parent
STATIC = {
    "/": (HERE / "static" / "index.html", "text/html; charset=utf-8"),
    "/app.js": (HERE / "static" / "app.js", "text/javascript; charset=utf-8"),
    "/vendor/aliyun-oss-sdk.min.js": (
        HERE / "node_modules" / "ali-oss" / "dist" / "aliyun-oss-sdk.min.js",
        "text/javascript; charset=utf-8",
    ),
}
MAX_JSON_BYTES = 16 * 1024  # a ticket request is a file name, a size and a title
MAX_CALLBACK_BYTES = 64 * 1024  # ICE's event documents are a few hundred bytes


class UploadHandler(BaseHTTPRequestHandler):
    server: UploadServer

    def log_message(self, format: str, *args: Any) -> None:  # the base class's name
        if self.server.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path in STATIC:
            self._file(*STATIC[path])
        elif path.startswith("/media/"):
            status = self.server.service.status(path.removeprefix("/media/"))
            self._json(HTTPStatus.OK, status) if status else self._error(
                HTTPStatus.NOT_FOUND, "unknown media"
            )
        else:
            self._error(HTTPStatus.NOT_FOUND, "no such page")

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path == self.server.callback_path:
            self._callback()
            return
        if path not in ("/ticket", "/ticket/renew"):
            self._error(HTTPStatus.NOT_FOUND, "no such route")
            return
        answer: dict[str, Any] | None
        try:
            request = self._json_body()
            if path == "/ticket":
                answer = self._new_ticket(request)
            else:
                answer = self.server.service.renew_ticket(str(request.get("mediaId", "")))
        except UserInputError as error:  # the app's rules refuse the file: say why, as icekit does
            self._error(HTTPStatus.BAD_REQUEST, str(error))
        except UploadError as error:  # ICE or STS refused: their Code and RequestId are in the message
            self._error(HTTPStatus.BAD_GATEWAY, str(error))
        else:
            self._json(HTTPStatus.OK, answer) if answer else self._error(
                HTTPStatus.NOT_FOUND, "unknown media"
            )

    def _new_ticket(self, request: dict[str, Any]) -> dict[str, Any]:
        name, size, title = request.get("fileName"), request.get("size"), request.get("title")
        if not isinstance(name, str) or not name or not (size is None or isinstance(size, int)):
            raise UserInputError("a ticket needs fileName (a string) and size (bytes)")
        return self.server.service.create_ticket(name, size, title if isinstance(title, str) else name)

    def _callback(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_CALLBACK_BYTES:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "callback body too large")
            return
        outcome = self.server.service.receive_callback(self.headers.items(), self.rfile.read(length))
        if outcome.reason is not None:
            self.log_error("ICE callback refused: %s", outcome.reason)
        self._send(outcome.status, b"", "text/plain")

    def _json_body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_JSON_BYTES:
            raise UserInputError("request body too large")
        try:
            document = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            raise UserInputError("the request body is not JSON") from None
        if not isinstance(document, dict):
            raise UserInputError("the request body must be a JSON object")
        return document

    def _file(self, path: Path, content_type: str) -> None:
        try:
            body = path.read_bytes()
        except OSError:
            self._error(HTTPStatus.NOT_FOUND, f"{path.name} is missing (run `npm ci` in {HERE})")
            return
        self._send(HTTPStatus.OK, body, content_type)

    def _json(self, status: int, document: Any) -> None:
        self._send(status, json.dumps(document).encode(), "application/json")

    def _error(self, status: int, message: str) -> None:
        self._json(status, {"error": message})

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # tickets and statuses change; the page is small
        self.end_headers()
        self.wfile.write(body)


class UploadServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], service: UploadService, callback_path: str, *, verbose: bool
    ) -> None:
        super().__init__(address, UploadHandler)
        self.service, self.callback_path, self.verbose = service, callback_path, verbose


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, type=Path, help="the app's client-config.json")
    parser.add_argument("--sandbox", type=Path, help="`icekit sandbox`'s ready file: endpoints and keys")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0: any free port")
    parser.add_argument("--address-file", type=Path, help="write the server's URL here once it listens")
    parser.add_argument("--verbose", action="store_true", help="log every request on stderr")
    return parser.parse_args(argv)


def build_service(config_file: Path, ready_file: Path | None) -> UploadService:
    """The Uploader (the default credential chain, or a sandbox principal) and the callback's URL and keys:
    ICE_CALLBACK_KEYS (comma-separated, old and new during a rotation), else the sandbox's."""
    config = load_client_config(config_file)
    keys = [key for key in os.environ.get("ICE_CALLBACK_KEYS", "").split(",") if key]
    if ready_file is None:
        uploader = Uploader(config)
    else:
        ready = read_ready_file(ready_file)
        uploader = Uploader.for_sandbox(config_file, ready)
        keys = keys or list(ready.callback_keys.values())
    callback_url = config.callback.url if config.callback and config.callback.authEnabled else None
    return UploadService(uploader, callback_url, keys)


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    try:
        service = build_service(options.config, options.sandbox)
    except (UserInputError, UploadError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    callback_path = urlsplit(service.callback_url or "").path or "/ice/callback"
    server = UploadServer((options.host, options.port), service, callback_path, verbose=options.verbose)
    service.start()
    url = f"http://{options.host}:{server.server_address[1]}"
    if options.address_file:
        temporary = options.address_file.with_suffix(".tmp")
        temporary.write_text(url + "\n", encoding="utf-8")
        temporary.replace(options.address_file)  # whole or absent: a reader polls for it
    print(f"serving {url} (callbacks on {callback_path})", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
