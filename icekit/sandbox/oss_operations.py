"""The OSS operations the sandbox serves on objects, each with the RAM permission it needs:
PutObject, InitiateMultipartUpload, UploadPart, CompleteMultipartUpload (all `oss:PutObject`),
AbortMultipartUpload (`oss:AbortMultipartUpload`), HeadObject and GetObject (`oss:GetObject`).

Limits as OSS documents them: an object or a part at most 5 GiB, part numbers 1 to 10,000, every part but the
last at least 100 KiB. A body is streamed to disk and refused (nothing kept) when it exceeds the limit or does
not match its Content-MD5 or signed x-oss-content-sha256. The object of an ICE upload address may not grow
beyond the FileInfo.Size its CreateUploadMedia declared; once such an object is whole, `UploadTargets` hears.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from werkzeug.exceptions import ClientDisconnected
from werkzeug.wrappers import Request, Response
from werkzeug.wsgi import wrap_file

from icekit.sandbox.object_store import ObjectStore, StoredObject
from icekit.sandbox.oss_complete import chosen_parts
from icekit.sandbox.oss_signature import VerifiedOssCaller
from icekit.sandbox.oss_wire import oss_response, xml_document
from icekit.sandbox.refusal import Refusal
from icekit.sandbox.upload_grants import NO_UPLOAD_TARGETS, UploadTargets

__all__ = ["MAX_OBJECT_BYTES", "OssCall", "OssOperation", "OssOperations"]

MAX_OBJECT_BYTES = 5 * 1024**3
MAX_PART_NUMBER = 10_000
_CHUNK = 1 << 20


@dataclass(frozen=True)
class OssCall:
    request: Request
    bucket: str
    key: str
    caller: VerifiedOssCaller
    request_id: str
    now: datetime

    def param(self, name: str) -> str | None:
        return self.request.args.get(name)

    def key_as_sent(self) -> str:
        """The key as responses spell it: URL-encoded when the client asked for `encoding-type=url`."""
        return quote(self.key, safe="") if self.param("encoding-type") == "url" else self.key


@dataclass(frozen=True)
class OssOperation:
    name: str
    permission: str
    run: Callable[[OssCall], Response]


def _expected_md5(call: OssCall) -> str | None:
    header = call.request.headers.get("Content-MD5")
    if header is None:
        return None
    try:
        digest = base64.b64decode(header, validate=True)
    except binascii.Error:
        digest = b""
    if len(digest) != 16:
        raise Refusal("InvalidDigest", "The Content-MD5 you specified was invalid.")
    return digest.hex()


def _too_large(limit: int, declared: bool) -> Refusal:
    if declared:
        message = f"Your upload exceeds the {limit} bytes its CreateUploadMedia declared as FileInfo.Size."
    else:
        message = f"Your proposed upload exceeds the maximum of {limit} bytes."
    return Refusal("EntityTooLarge", message)


def body_chunks(call: OssCall, limit: int, *, declared: bool = False) -> Iterator[bytes]:
    """The request body in chunks; raises a Refusal (the store then keeps nothing) when it is too large or
    does not match the digests the request declares. `declared`: the limit is the upload's FileInfo.Size."""
    expected_md5, expected_sha256 = _expected_md5(call), call.caller.payload_sha256
    md5, sha256, size = hashlib.md5(usedforsecurity=False), hashlib.sha256(), 0
    try:
        while chunk := call.request.stream.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise _too_large(limit, declared)
            md5.update(chunk)
            sha256.update(chunk)
            yield chunk
    except ClientDisconnected:
        raise Refusal("IncompleteBody", "The body is shorter than its Content-Length.") from None
    if expected_md5 is not None and md5.hexdigest() != expected_md5:
        raise Refusal("BadDigest", "The Content-MD5 you specified did not match what we received.")
    if expected_sha256 is not None and sha256.hexdigest() != expected_sha256.lower():
        raise Refusal("BadDigest", "The x-oss-content-sha256 you specified did not match what we received.")


def _quoted(etag: str) -> str:
    return f'"{etag}"'


class OssOperations:
    def __init__(
        self,
        objects: ObjectStore,
        max_object_bytes: int = MAX_OBJECT_BYTES,
        uploads: UploadTargets = NO_UPLOAD_TARGETS,
    ) -> None:
        self._objects = objects
        self._max = max_object_bytes
        self._uploads = uploads

    def for_request(self, method: str, request: Request) -> OssOperation:
        args = request.args
        table: dict[tuple[str, bool], OssOperation] = {
            ("PUT", False): OssOperation("PutObject", "oss:PutObject", self.put_object),
            ("POST", False): OssOperation("InitiateMultipartUpload", "oss:PutObject", self.initiate),
            ("PUT", True): OssOperation("UploadPart", "oss:PutObject", self.upload_part),
            ("POST", True): OssOperation("CompleteMultipartUpload", "oss:PutObject", self.complete),
            ("DELETE", True): OssOperation("AbortMultipartUpload", "oss:AbortMultipartUpload", self.abort),
            ("HEAD", False): OssOperation("HeadObject", "oss:GetObject", self.get_object),
            ("GET", False): OssOperation("GetObject", "oss:GetObject", self.get_object),
        }
        operation = table.get((method, "uploadId" in args))
        if operation is None or (operation.name == "InitiateMultipartUpload" and "uploads" not in args):
            raise Refusal("MethodNotAllowed", "The sandbox does not serve this operation on objects.", 405)
        return operation

    def _object_limit(self, call: OssCall) -> tuple[int, bool]:
        """(the most bytes the object may hold, whether that is an upload's declared FileInfo.Size)."""
        declared = self._uploads.declared_size(call.bucket, call.key)
        if declared is not None and declared < self._max:
            return declared, True
        return self._max, False

    def put_object(self, call: OssCall) -> Response:
        content_type = call.request.headers.get("Content-Type", "application/octet-stream")
        limit, declared = self._object_limit(call)
        if (call.request.content_length or 0) > limit:
            raise _too_large(limit, declared)  # before a byte of the body is read
        chunks = body_chunks(call, limit, declared=declared)
        stored = self._objects.put(call.bucket, call.key, chunks, content_type=content_type, now=call.now)
        self._uploads.object_completed(stored, call.now)
        return oss_response(call.request_id, headers={"ETag": _quoted(stored.etag)})

    def initiate(self, call: OssCall) -> Response:
        content_type = call.request.headers.get("Content-Type", "application/octet-stream")
        upload = self._objects.initiate(call.bucket, call.key, content_type=content_type, now=call.now)
        fields = {"Bucket": call.bucket, "Key": call.key_as_sent(), "UploadId": upload.upload_id}
        if call.param("encoding-type") == "url":
            fields = {"EncodingType": "url", **fields}
        return oss_response(call.request_id, body=xml_document("InitiateMultipartUploadResult", fields))

    def _upload_of(self, call: OssCall) -> str:
        upload_id = call.param("uploadId") or ""
        upload = self._objects.upload(upload_id) if upload_id.isalnum() else None
        if upload is None or (upload.bucket, upload.key) != (call.bucket, call.key):
            raise Refusal("NoSuchUpload", "The specified upload does not exist.", 404)
        return upload_id

    def upload_part(self, call: OssCall) -> Response:
        upload_id = self._upload_of(call)
        number = call.param("partNumber") or ""
        if not number.isdigit() or not 1 <= int(number) <= MAX_PART_NUMBER:
            raise Refusal("InvalidArgument", f"Part number must be an integer from 1 to {MAX_PART_NUMBER}.")
        limit, declared = self._object_limit(call)  # no part can be larger than the whole object
        part = self._objects.put_part(upload_id, int(number), body_chunks(call, limit, declared=declared))
        return oss_response(call.request_id, headers={"ETag": _quoted(part.etag)})

    def complete(self, call: OssCall) -> Response:
        upload_id = self._upload_of(call)
        upload = self._objects.upload(upload_id)
        assert upload is not None  # _upload_of checked it
        complete_all = call.request.headers.get("x-oss-complete-all", "").lower() == "yes"
        parts = chosen_parts(
            call.request.get_data(), self._objects.parts(upload_id), complete_all=complete_all
        )
        limit, declared = self._object_limit(call)
        if sum(part.size for part in parts) > limit:
            raise _too_large(limit, declared)  # the parts stay: the client may abort or complete fewer
        stored = self._objects.complete(upload, parts, now=call.now)
        self._uploads.object_completed(stored, call.now)
        location = f"{call.request.host_url}{call.bucket}/{quote(call.key)}"
        fields = {
            "Location": location,
            "Bucket": call.bucket,
            "Key": call.key_as_sent(),
            "ETag": _quoted(stored.etag),
        }
        if call.param("encoding-type") == "url":
            fields = {"EncodingType": "url", **fields}
        return oss_response(call.request_id, body=xml_document("CompleteMultipartUploadResult", fields))

    def abort(self, call: OssCall) -> Response:
        self._objects.abort(self._upload_of(call))
        return oss_response(call.request_id, status=204)

    def get_object(self, call: OssCall) -> Response:
        stored = self._objects.head(call.bucket, call.key)
        if stored is None:
            raise Refusal("NoSuchKey", "The specified key does not exist.", 404)
        handle = self._objects.open(stored)
        response = oss_response(call.request_id, headers=_object_headers(stored))
        response.response = wrap_file(call.request.environ, handle)
        response.direct_passthrough = True
        return response


def _object_headers(stored: StoredObject) -> dict[str, str]:
    modified = datetime.strptime(stored.last_modified, "%Y-%m-%dT%H:%M:%S.000Z")
    return {
        "Content-Type": stored.content_type,
        "Content-Length": str(stored.size),
        "ETag": _quoted(stored.etag),
        "Last-Modified": modified.strftime("%a, %d %b %Y %H:%M:%S GMT"),
        "x-oss-object-type": stored.object_type,
        "x-oss-storage-class": "Standard",
    }
