"""Shared pieces of the upload tests: small part sizes (the sandbox takes OSS's 100 KiB minimum), test files,
an Uploader pointed at the sandbox through its ready file."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from icekit.upload import TransferOptions, Uploader, read_ready_file
from tests.upload.sandbox_env import OssRequest, SandboxEnv

__all__ = [
    "EXTENSIONS",
    "MULTIPART",
    "PART",
    "SMALL",
    "SMALL_PARTS",
    "a_file",
    "part_numbers",
    "uploader_for",
]

PART = 100 * 1024
SMALL_PARTS = TransferOptions(part_size=PART, multipart_threshold=2 * PART)
SMALL = 1000
MULTIPART = 2 * PART + 5000  # three parts
EXTENSIONS = {"mobile-video": "mp4", "cms-assets": "png", "batch-import": "mov"}


def a_file(directory: Path, name: str, size: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    return path


def uploader_for(app: str, sandbox: SandboxEnv, config_files: dict[str, Path], **options: Any) -> Uploader:
    options.setdefault("options", SMALL_PARTS)
    return Uploader.for_sandbox(config_files[app], read_ready_file(sandbox.ready_file), **options)


def part_numbers(requests: list[OssRequest]) -> list[int]:
    """The part numbers of the UploadPart requests OSS answered 200, in order."""
    numbers = []
    for request in requests:
        query = parse_qs(request.query)
        if request.method == "PUT" and "partNumber" in query and request.status.startswith("200"):
            numbers.append(int(query["partNumber"][0]))
    return numbers
