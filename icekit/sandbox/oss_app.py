"""The sandbox's OSS, as oss2 and alibabacloud-oss-v2 call it with an IP endpoint (path-style addressing:
`/<bucket>/<key>`, oss2/api.py _UrlMaker, alibabacloud_oss_v2/_client.py _resolve_address_style).

Per request, in this order: find the bucket and the operation, verify the signature (V1 or V4) from the
headers alone, authenticate the AccessKey and its security token, decide the operation's permission on
`acs:oss:*:<account>:<bucket>/<key>` (an ICE upload credential by its `UploadGrant`, any other key by the
Authorizer), then run it (only then is a body read). Refusals are answered as OSS XML errors and every
request is recorded. A CORS preflight (OPTIONS) is answered from the bucket's CORS rules before all that, and
every answer to a request with an `Origin` carries the matching rule's headers (oss_cors).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from werkzeug.wrappers import Request, Response

from icekit.sandbox.app_rules import UploadRules
from icekit.sandbox.authorizer import Authorizer, ContextOverrides
from icekit.sandbox.credentials import CredentialError, CredentialStore
from icekit.sandbox.freshness import Clock, utc_now
from icekit.sandbox.object_store import ObjectStore
from icekit.sandbox.oss_cors import SANDBOX_CORS_RULES, CorsRule, cors_headers, preflight_headers
from icekit.sandbox.oss_operations import MAX_OBJECT_BYTES, OssCall, OssOperations
from icekit.sandbox.oss_signature import verify_oss_request
from icekit.sandbox.oss_wire import credential_refusal, new_oss_request_id, oss_error, oss_response
from icekit.sandbox.principals import Principal
from icekit.sandbox.refusal import Refusal
from icekit.sandbox.request_log import RecordSink, RequestProgress, discard_records
from icekit.sandbox.upload_grants import NO_UPLOAD_TARGETS, UploadTargets
from icekit.sandbox.wire import IncomingRequest

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

__all__ = ["OssApplication", "oss_object_resource"]


# A new object's name and size are known here; the parts of a multipart upload follow its initiation.
_WRITES_THAT_NAME_THE_OBJECT = ("PutObject", "InitiateMultipartUpload")


def oss_object_resource(account_id: str, bucket: str, key: str) -> str:
    return f"acs:oss:*:{account_id}:{bucket}/{key}"


@dataclass
class OssApplication:
    objects: ObjectStore
    credentials: CredentialStore
    authorizer: Authorizer
    region: str
    buckets: Mapping[str, str]  # bucket name -> the account that owns it
    clock: Clock = utc_now
    overrides: ContextOverrides = field(default_factory=ContextOverrides)
    on_record: RecordSink = discard_records
    max_object_bytes: int = MAX_OBJECT_BYTES
    uploads: UploadTargets = NO_UPLOAD_TARGETS  # the uploads ICE handed out (upload_completion)
    rules: UploadRules = field(default_factory=UploadRules)  # the apps' rules on their own buckets
    cors: tuple[CorsRule, ...] = SANDBOX_CORS_RULES  # every bucket's CORS rules

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request_id, progress = new_oss_request_id(), RequestProgress()
        request = Request(environ)
        try:
            if request.method == "OPTIONS":
                response = self._preflight(request, request_id, progress)
            else:
                response = self._serve(request, request_id, progress)
                response.headers.update(cors_headers(self.cors, request.origin, request.method))
        except Refusal as refusal:
            progress.code = refusal.code
            response = oss_error(refusal, request_id, request.host, head=request.method == "HEAD")
            if request.method != "OPTIONS":
                response.headers.update(cors_headers(self.cors, request.origin, request.method))
        record = progress.record(
            "oss",
            request_id,
            request.method,
            response.status_code,
            self.overrides.source_ip or request.remote_addr or "",
        )
        self.on_record(record)
        return response(environ, start_response)

    def _preflight(self, request: Request, request_id: str, progress: RequestProgress) -> Response:
        progress.action = "PreflightRequest"  # unsigned: browsers send it without credentials
        self._bucket_and_key(request.path)
        headers = {name.lower(): value for name, value in request.headers.items()}
        return oss_response(request_id, headers=preflight_headers(self.cors, headers))

    def _serve(self, request: Request, request_id: str, progress: RequestProgress) -> Response:
        bucket, key = self._bucket_and_key(request.path)
        operations = OssOperations(self.objects, self.max_object_bytes, self.uploads)
        operation = operations.for_request(request.method, request)
        progress.action = operation.name
        incoming = IncomingRequest.from_environ(request.environ)
        now = self.clock()
        caller = verify_oss_request(incoming, bucket, key, self.credentials.secret_for, now, self.region)
        try:
            principal = self.credentials.authenticate(caller.access_key_id, caller.security_token, now)
        except CredentialError as error:
            raise credential_refusal(error.problem) from None
        progress.principal = principal.arn
        resource = oss_object_resource(self.buckets[bucket], bucket, key)
        progress.resource = resource
        grant = self.uploads.grant_for(caller.access_key_id)
        if grant is not None:
            decision = grant.decide(operation.permission, bucket, key)
        else:
            context = self.overrides.context_for(incoming, now)
            decision = self.authorizer.authorize(principal, operation.permission, resource, context)
        progress.decision = decision
        if not decision.allowed:
            detail = decision.denial_detail(operation.permission)
            raise Refusal("AccessDenied", "You have no right to access this object.", 403, details=detail)
        if grant is None and operation.name in _WRITES_THAT_NAME_THE_OBJECT:
            self._require_app_rules(principal, bucket, key, request)
        return operation.run(OssCall(request, bucket, key, caller, request_id, now))

    def _require_app_rules(self, principal: Principal, bucket: str, key: str, request: Request) -> None:
        size = request.content_length if request.method == "PUT" else None
        problem = self.rules.own_object_problem(principal, bucket, key, size)
        if problem is not None:
            raise Refusal("InvalidArgument", f"Refused by the stack's rules: {problem}.", 400)

    def _bucket_and_key(self, path: str) -> tuple[str, str]:
        bucket, _, key = path.lstrip("/").partition("/")
        if bucket not in self.buckets:
            raise Refusal(
                "NoSuchBucket", "The specified bucket does not exist.", 404, details={"BucketName": bucket}
            )
        if not key:
            raise Refusal("MethodNotAllowed", "The sandbox serves operations on objects only.", 405)
        return bucket, key
