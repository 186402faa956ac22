"""icekit.upload: the application side of an icekit stack. Built from a client configuration, with the
official SDKs (alibabacloud-credentials, -sts20150401, -ice20201109, -oss-v2): assume the app's role, create
the upload, transfer (multipart, resumable, credential renewed mid-transfer), register own-bucket objects,
wait for the media, hand tickets to browser and mobile clients. docs/upload.md.

Never imports pulumi. Importing this package loads nothing else: each name is imported on first use, so a
web worker that imports it pays for the SDKs only when it uploads (bench/upload.py measures it)."""

from __future__ import annotations

import importlib

# `typing` costs more to import than the rest of this module (it pulls re, collections, functools): the
# constant idiom keeps it out, and type checkers read the block below.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from icekit.upload.endpoints import Endpoint, Endpoints, parse_endpoint_options
    from icekit.upload.errors import ServiceError, UploadError, WaitTimeout
    from icekit.upload.request import MediaFields, UploadRequest
    from icekit.upload.sandbox_ready import SandboxReady, read_ready_file
    from icekit.upload.session import AccessKey, RoleSession
    from icekit.upload.tickets import Ticket
    from icekit.upload.transfer import TransferOptions
    from icekit.upload.uploader import Uploader, UploadResult, load_client_config

__all__ = [
    "AccessKey",
    "Endpoint",
    "Endpoints",
    "MediaFields",
    "RoleSession",
    "SandboxReady",
    "ServiceError",
    "Ticket",
    "TransferOptions",
    "UploadError",
    "UploadRequest",
    "UploadResult",
    "Uploader",
    "WaitTimeout",
    "load_client_config",
    "parse_endpoint_options",
    "read_ready_file",
]

_HOMES = {
    "AccessKey": "session",
    "Endpoint": "endpoints",
    "Endpoints": "endpoints",
    "MediaFields": "request",
    "RoleSession": "session",
    "SandboxReady": "sandbox_ready",
    "ServiceError": "errors",
    "Ticket": "tickets",
    "TransferOptions": "transfer",
    "UploadError": "errors",
    "UploadRequest": "request",
    "UploadResult": "uploader",
    "Uploader": "uploader",
    "WaitTimeout": "errors",
    "load_client_config": "uploader",
    "parse_endpoint_options": "endpoints",
    "read_ready_file": "sandbox_ready",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'icekit.upload' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"icekit.upload.{home}"), name)
    globals()[name] = value
    return value
