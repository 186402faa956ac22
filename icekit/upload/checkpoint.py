"""The resume record of a multipart upload: which object, which OSS UploadId, which parts are done (number,
ETag, size). Kept as a JSON file in a directory the caller names, rewritten atomically after every part,
removed when the upload completes. It holds no secret: a resumed upload gets a fresh credential
(RefreshUploadMedia, or the role session)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Checkpoint", "CheckpointFile", "DonePart"]


@dataclass(frozen=True)
class DonePart:
    number: int
    etag: str
    size: int


@dataclass
class Checkpoint:
    media_id: str | None = None
    media_url: str | None = None
    file_url: str | None = None
    bucket: str | None = None
    key: str | None = None
    upload_id: str | None = None
    part_size: int = 0
    parts: list[DonePart] = field(default_factory=list)

    def done(self) -> dict[int, DonePart]:
        return {part.number: part for part in self.parts}


class CheckpointFile:
    """`<directory>/<sha256 of the identity>.json`; identity: app, file path, size and mtime."""

    def __init__(self, directory: Path, identity: str) -> None:
        self.path = directory / f"{hashlib.sha256(identity.encode()).hexdigest()[:32]}.json"

    @classmethod
    def for_file(cls, directory: Path, app: str, file: Path) -> CheckpointFile:
        stat = file.stat()
        return cls(directory, f"{app}\n{file.resolve()}\n{stat.st_size}\n{stat.st_mtime_ns}")

    def load(self) -> Checkpoint | None:
        try:
            data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
            parts = [DonePart(**part) for part in data.pop("parts")]
            return Checkpoint(**data, parts=parts)
        except (OSError, ValueError, TypeError, KeyError):
            return None  # no checkpoint, or one this version cannot read: start afresh

    def save(self, checkpoint: Checkpoint) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        staged = self.path.with_suffix(".tmp")
        staged.write_text(json.dumps(asdict(checkpoint), sort_keys=True), encoding="utf-8")
        os.replace(staged, self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
