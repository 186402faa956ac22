"""icekit.upload: the application side of an icekit stack. Built from a client configuration, with the
official SDKs (alibabacloud-credentials, -sts20150401, -ice20201109, -oss-v2): assume the app's role, create
the upload, transfer (multipart, resumable, credential renewed mid-transfer), register own-bucket objects,
wait for the media, hand tickets to browser and mobile clients. docs/upload.md.

Never imports pulumi. Importing this package loads nothing else: each name is imported on first use, so a
web worker that imports it pays for the SDKs only when it uploads (bench/upload.py measures it); the homes
are the imports under TYPE_CHECKING (icekit.lazy)."""

from __future__ import annotations

from icekit.lazy import lazy_attributes

# `typing` costs more to import than the rest of this module (it pulls re, collections, functools): the
# constant idiom keeps it out, and type checkers read the block below.
TYPE_CHECKING = False
if TYPE_CHECKING:
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

if not TYPE_CHECKING:  # type checkers read the imports above; at run time each is imported on first use
    __getattr__, __dir__ = lazy_attributes(__name__)
