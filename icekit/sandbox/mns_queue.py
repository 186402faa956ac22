"""Local stand-ins for the MNS queues ICE writes events to, and the HTTP endpoint that lists them.

A queue is a file in the state directory, `mns/<queue>.jsonl`: one message per line, oldest first, each
`{"MessageId": ..., "EnqueueTime": <UNIX milliseconds>, "MessageBody": "<the event's JSON text>"}` (for an
MNS callback "the queue message content is the same JSON", docs/ice-facts.md section 7). Lines are appended
and flushed to disk one at a time; a line cut short by a crash is skipped when the queue is read.

`GET /mns/<queue>` on the sandbox's ICE port answers the queue as a JSON array of those messages (an empty
array for a queue nothing was written to). Reading does not remove messages: this is a log for tests and
people, not MNS's ReceiveMessage/DeleteMessage.
"""

from __future__ import annotations

import json
import os
import re
import threading
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from werkzeug.wrappers import Response

from icekit.sandbox.state import StateDirectory

__all__ = ["MNS_PATH_PREFIX", "LocalQueues", "is_queue_name", "queue_listing"]

MNS_PATH_PREFIX: Final = "/mns/"
# The sandbox's rule for a queue it keeps as a file (ICE's queues are named `ice-callback-...`).
_QUEUE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,255}$")
_JSON = "application/json;charset=utf-8"


def is_queue_name(name: str) -> bool:
    return _QUEUE_NAME.match(name) is not None


class LocalQueues:
    def __init__(self, state: StateDirectory) -> None:
        self._folder = state.folder("mns")
        self._lock = threading.Lock()

    def _path(self, queue: str) -> Path:
        if not is_queue_name(queue):
            raise ValueError(f"{queue!r} is not a queue name (letters, digits and '-')")
        return self._folder / f"{queue}.jsonl"

    def append(self, queue: str, body: str, now: datetime) -> str:
        """Write one message after every earlier one; return its MessageId."""
        message_id = uuid.uuid4().hex.upper()
        message = {"MessageId": message_id, "EnqueueTime": int(now.timestamp() * 1000), "MessageBody": body}
        line = json.dumps(message, ensure_ascii=False, sort_keys=True) + "\n"
        path = self._path(queue)
        with self._lock, path.open("a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        return message_id

    def messages(self, queue: str) -> list[dict[str, Any]]:
        try:
            lines = self._path(queue).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        found: list[dict[str, Any]] = []
        for line in lines:
            try:
                found.append(json.loads(line))
            except ValueError:
                continue  # a line a crash cut short
        return found


def queue_listing(queues: LocalQueues, path: str) -> Response:
    """The answer to `GET /mns/<queue>`."""
    queue = path[len(MNS_PATH_PREFIX) :]
    if not is_queue_name(queue):
        error = {"Code": "QueueNotExist", "Message": f"{queue!r} is not a queue name."}
        return Response(json.dumps(error), status=404, content_type=_JSON)
    body = json.dumps(queues.messages(queue), ensure_ascii=False)
    return Response(body, status=200, content_type=_JSON)
