"""A warm Python for the review's plan workers, so review tests do not pay a cold start per side.

`icekit review` plans each side in its own worker process, `sys.executable -P -m MODULE DIR STACK...`, so
that the base runs its own `components/` (see icekit/review/_plan_worker.py). A cold worker spends about
1.3 s importing icekit, pulumi and the provider SDK before it plans anything. `warm_python()` starts one
server process that has imported those (the same for both sides: the installed tool, never `components`)
and writes a stand-in interpreter script; a test points `sys.executable` at the script. For
`-P -m MODULE ARGS...` the script hands its arguments, working directory, environment and standard streams
to the server, which forks a child that runs MODULE as `__main__`, as `python -P -m` would, and the script
exits with the child's status. Each side is still its own process, importing `components` from its own
checkout; anything else the script is asked to run goes to the real interpreter.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import pkgutil
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = ["warm_python"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# All of the tool (a checkout's components import its models too: cheaper loaded once than per worker)
# and the libraries every worker imports before it touches a checkout.
PRELOADED_PACKAGES = ("icekit",)
PRELOADED_MODULES = ("pulumi", "pulumi_alicloud")
# Must come from each side's own checkout, so the server never imports it.
CHECKOUT_PACKAGE = "components"
# The provider SDK loads its modules (`alicloud.ram`, ...) when first used: a second or more per worker.
_PROVIDER_MODULE_USE = re.compile(r"\balicloud\.([a-z_]+)\b")
_LISTENING = "listening"
_MAX_REQUEST_BYTES = 1 << 22

_STAND_IN = """#!{python} -IS
# A stand-in for {python}: `-P -m MODULE ARGS...` runs in a fork of a warm server
# (tests/support/warm_python.py); anything else runs in the real interpreter.
import json, os, socket, sys

argv = sys.argv[1:]
if len(argv) < 3 or argv[:2] != ["-P", "-m"]:
    os.execv({python!r}, [{python!r}, *argv])
request = json.dumps(
    {{"module": argv[2], "args": argv[3:], "cwd": os.getcwd(), "env": dict(os.environ)}}
).encode()
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
try:
    server.connect({address!r})
    socket.send_fds(server, [len(request).to_bytes(8, "big") + request], [0, 1, 2])
except OSError:  # the server is gone: the cold start it stands in for
    os.execv({python!r}, [{python!r}, *argv])
reply = b""
while chunk := server.recv(4096):
    reply += chunk
if not reply:
    sys.exit("warm python: the worker ended without an exit status")
sys.exit(json.loads(reply)["exit"])
"""


def _is_checkout_module(name: str) -> bool:
    return name == CHECKOUT_PACKAGE or name.startswith(f"{CHECKOUT_PACKAGE}.")


def _provider_modules_used() -> list[str]:
    """The provider SDK's modules that this project's components name (the installed SDK: the same for
    every checkout; a module a checkout adds is simply loaded by its worker)."""
    names = {
        match
        for path in sorted((PROJECT_ROOT / CHECKOUT_PACKAGE).rglob("*.py"))
        for match in _PROVIDER_MODULE_USE.findall(path.read_text(encoding="utf-8"))
    }
    return [f"pulumi_alicloud.{name}" for name in sorted(names)]


def _import_package(package_name: str) -> None:
    """The package and every module in it."""
    package = importlib.import_module(package_name)
    modules = pkgutil.walk_packages(package.__path__, f"{package_name}.", onerror=lambda _name: None)
    for module in modules:
        if module.name.rsplit(".", 1)[-1] == "__main__":
            continue  # running it would run the command
        with contextlib.suppress(Exception):  # a module that needs more than imports: the child loads it
            importlib.import_module(module.name)


def _preload() -> None:
    for name in PRELOADED_PACKAGES:
        _import_package(name)
    for name in PRELOADED_MODULES:
        importlib.import_module(name)
    for name in _provider_modules_used():  # the SDK loads all of such a module's files on first use
        _import_package(name)
    imported = sorted(name for name in sys.modules if _is_checkout_module(name))
    if imported:
        raise RuntimeError(f"preloading imported the checkout's own modules {imported}; a worker must not")


def _exit_status(exc: SystemExit) -> int:
    """What the interpreter makes of `sys.exit(code)`."""
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def _run_as_main(module: str, args: Sequence[str]) -> int:
    # Preloaded as a library: run afresh as __main__, as `-m` does (runpy warns about a loaded module).
    sys.modules.pop(module, None)
    sys.argv = [module, *args]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        return _exit_status(exc)
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def _receive(connection: socket.socket) -> tuple[dict[str, Any], list[int]]:
    data, fds, _flags, _address = socket.recv_fds(connection, _MAX_REQUEST_BYTES, 3)
    size = int.from_bytes(data[:8], "big")
    body = data[8:]
    while len(body) < size:
        chunk = connection.recv(size - len(body))
        if not chunk:
            raise EOFError("the stand-in closed the connection mid-request")
        body += chunk
    request: dict[str, Any] = json.loads(body)
    return request, fds


def _serve_one(connection: socket.socket) -> None:
    """In the forked child: become the worker process the stand-in was asked to start. Never returns."""
    status = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        request, fds = _receive(connection)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        status = _run_as_main(request["module"], request["args"])
    except BaseException:
        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
            connection.sendall(json.dumps({"exit": status}).encode())
        os._exit(status)


def _reap_children(_signum: int, _frame: object) -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass


def serve(address: str) -> None:
    """The server: listen, preload, then fork one child per request. Requests that come during the preload
    wait in the listen queue, so the test goes on while the server warms up."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen()
    print(_LISTENING, flush=True)
    _preload()
    # Reaped here (not SIG_IGN): then their CPU time counts in the server's, and so in the test run's.
    signal.signal(signal.SIGCHLD, _reap_children)
    while True:
        connection, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            _serve_one(connection)
        connection.close()


@contextlib.contextmanager
def warm_python() -> Iterator[Path]:
    """Yields the stand-in interpreter script as soon as the server listens (it warms up meanwhile); the
    server stops when the block ends."""
    directory = Path(tempfile.mkdtemp(prefix="icekit-warm-"))  # short: a socket path has ~100 bytes
    address = str(directory / "server.sock")
    log = directory / "server.log"
    with log.open("w", encoding="utf-8") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-P", __file__, address],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log_file,
            text=True,
        )
    try:
        assert server.stdout is not None
        said = server.stdout.readline().strip()
        assert said == _LISTENING, f"the warm python server did not start: {log.read_text(encoding='utf-8')}"
        stand_in = directory / "python"
        stand_in.write_text(_STAND_IN.format(python=sys.executable, address=address), encoding="utf-8")
        stand_in.chmod(0o755)
        yield stand_in
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    serve(sys.argv[1])
