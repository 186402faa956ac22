"""The sandbox's state directory: what it holds survives a restart; every file in it is written atomically.

Layout (one folder per collection, one JSON record per file, names chosen by the sandbox):

    objects/      OSS objects: <id>.json (bucket, key, size, ETag, ...) and the data file it names
    uploads/      multipart uploads in progress: <upload id>/upload.json, part-<n>.json, part-<n>.data
    media/        ICE media records, by MediaId
    events/       ICE events in the order they happened: <sequence>.json (the document and its delivery)
    settings/     service settings (e.g. the region's event callback)
    credentials/  temporary credentials the sandbox issued (private files: they hold secrets)
    mns/          local MNS queues: <queue name>.jsonl, one message per line, oldest first
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from icekit.sandbox.atomic_files import write_bytes_atomically

__all__ = ["COLLECTIONS", "StateDirectory", "read_json_file", "write_json_file"]

COLLECTIONS = ("objects", "uploads", "media", "events", "settings", "credentials", "mns")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


def write_json_file(path: Path, record: Mapping[str, Any], *, private: bool = False) -> None:
    """One JSON object per file, keys sorted (the same record gives the same bytes), written atomically."""
    text = json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    write_bytes_atomically(path, text.encode("utf-8"), private=private)


def read_json_file(path: Path) -> dict[str, Any] | None:
    """The JSON object in `path`, or None if there is no such file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a state record must be a JSON object")
    return data


def _checked_name(name: str) -> str:
    if not _NAME.match(name) or name.endswith(".tmp"):
        raise ValueError(f"{name!r} is not a state record name (letters, digits, '.', '_', '-')")
    return name


class StateDirectory:
    """A folder holding the collections above; created on first use, reused as it is on a restart."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        for collection in COLLECTIONS:
            (self.root / collection).mkdir(parents=True, exist_ok=True)
        self._event_lock = threading.Lock()

    def folder(self, collection: str) -> Path:
        if collection not in COLLECTIONS:
            raise ValueError(f"{collection!r} is not a state collection ({', '.join(COLLECTIONS)})")
        return self.root / collection

    def record_path(self, collection: str, name: str) -> Path:
        return self.folder(collection) / f"{_checked_name(name)}.json"

    def write_record(
        self, collection: str, name: str, record: Mapping[str, Any], *, private: bool = False
    ) -> None:
        write_json_file(self.record_path(collection, name), record, private=private)

    def read_record(self, collection: str, name: str) -> dict[str, Any] | None:
        return read_json_file(self.record_path(collection, name))

    def delete_record(self, collection: str, name: str) -> None:
        self.record_path(collection, name).unlink(missing_ok=True)

    def records(self, collection: str) -> list[tuple[str, dict[str, Any]]]:
        """Every record of the collection as (name, record), in name order."""
        names = sorted(p.stem for p in self.folder(collection).glob("*.json") if not p.name.startswith("."))
        found = [(name, self.read_record(collection, name)) for name in names]
        return [(name, record) for name, record in found if record is not None]

    def append_event(self, event: Mapping[str, Any]) -> str:
        """Store an event after every earlier one; return its name (a zero-padded sequence number)."""
        with self._event_lock:
            last = max(
                (int(p.stem) for p in self.folder("events").glob("*.json") if p.stem.isdigit()), default=0
            )
            name = f"{last + 1:012d}"
            self.write_record("events", name, event)
            return name
