"""The WSGI application both OpenAPI services (STS, ICE) run: one pipeline, per-service actions.

Per request, in this order: read the body (bounded), verify the signature (V3 or V2), authenticate the
AccessKey and its security token, find the action, name the resource, ask the Authorizer, run the handler.
Any step may refuse; the refusal is answered in OpenAPI's error shape and every request is recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Request

from icekit.sandbox.authorizer import AuthorizationDecision, Authorizer, ContextOverrides, RequestContext
from icekit.sandbox.credentials import CredentialError, CredentialStore
from icekit.sandbox.freshness import Clock, NonceLedger, utc_now
from icekit.sandbox.openapi_signature import VerifiedCall, verify_openapi_request
from icekit.sandbox.openapi_wire import credential_refusal, new_request_id, openapi_error, openapi_success
from icekit.sandbox.principals import Principal
from icekit.sandbox.refusal import Refusal
from icekit.sandbox.request_log import RecordSink, RequestProgress, discard_records
from icekit.sandbox.wire import IncomingRequest

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

__all__ = ["OpenApiAction", "OpenApiApplication", "OpenApiCall", "OpenApiService"]

MAX_OPENAPI_BODY = 1 << 20  # OpenAPI parameters travel in the query and a form body: 1 MiB is ample.


def _no_further_question(action: str, resource: str) -> None:
    return


@dataclass(frozen=True)
class OpenApiCall:
    """What a handler gets: the verified request, who sent it, and when. `authorize(action, resource)` asks
    the Authorizer a further question for the same caller and context (RegisterMediaInfo: may it write the
    object it registers) and refuses the call, as the first question would, when the answer is no."""

    verified: VerifiedCall
    principal: Principal
    context: RequestContext
    request_id: str
    authorize: Callable[[str, str], None] = _no_further_question

    @property
    def params(self) -> dict[str, str]:
        return self.verified.params


@dataclass(frozen=True)
class OpenApiAction:
    handler: Callable[[OpenApiCall], Mapping[str, Any]]
    # The RAM resource the call acts on; may refuse parameters that name it badly.
    resource: Callable[[VerifiedCall, Principal], str]


@dataclass(frozen=True)
class OpenApiService:
    name: str  # "sts" or "ice": the RAM service prefix of its actions
    version: str  # the API version the SDK sends, e.g. "2015-04-01"
    actions: Mapping[str, OpenApiAction]
    # The refusal for a call the Authorizer does not allow (each service has its own code).
    denied: Callable[[str, AuthorizationDecision], Refusal]
    # The resource of an action the sandbox does not serve, when the service authorizes every action on one
    # resource (ICE): such a call is authorized first, so that one the policies do not grant is a RAM
    # denial, as the real service answers, and only a granted one is "not found in the sandbox".
    unserved_resource: Callable[[VerifiedCall, Principal], str] | None = None


@dataclass
class OpenApiApplication:
    service: OpenApiService
    credentials: CredentialStore
    authorizer: Authorizer
    nonces: NonceLedger = field(default_factory=NonceLedger)
    clock: Clock = utc_now
    overrides: ContextOverrides = field(default_factory=ContextOverrides)
    on_record: RecordSink = discard_records

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request_id, progress = new_request_id(), RequestProgress()
        request = Request(environ)
        request.max_content_length = MAX_OPENAPI_BODY
        try:
            incoming = IncomingRequest.from_environ(environ, body=_body(request))
            response = openapi_success(self._serve(incoming, request_id, progress), request_id)
        except Refusal as refusal:
            progress.code = refusal.code
            response = openapi_error(refusal, request_id, request.host)
        record = progress.record(
            self.service.name,
            request_id,
            request.method,
            response.status_code,
            self.overrides.source_ip or request.remote_addr or "",
        )
        self.on_record(record)
        return response(environ, start_response)

    def _serve(
        self, incoming: IncomingRequest, request_id: str, progress: RequestProgress
    ) -> Mapping[str, Any]:
        now = self.clock()
        verified = verify_openapi_request(incoming, self.credentials.secret_for, self.nonces, now)
        progress.action = verified.action
        try:
            principal = self.credentials.authenticate(verified.access_key_id, verified.security_token, now)
        except CredentialError as error:
            raise credential_refusal(error.problem) from None
        progress.principal = principal.arn
        action = self._action(verified)
        resource_of = action.resource if action is not None else self.service.unserved_resource
        if resource_of is None:
            raise _not_served(verified)
        resource = resource_of(verified, principal)
        progress.resource = resource
        context = self.overrides.context_for(incoming, now)
        ram_action = f"{self.service.name}:{verified.action}"
        decision = self.authorizer.authorize(principal, ram_action, resource, context)
        progress.decision = decision
        if not decision.allowed:
            raise self.service.denied(ram_action, decision)
        if action is None:
            raise _not_served(verified)

        def authorize_also(further_action: str, further_resource: str) -> None:
            further = self.authorizer.authorize(principal, further_action, further_resource, context)
            if not further.allowed:
                progress.resource, progress.decision = further_resource, further
                raise self.service.denied(further_action, further)

        return action.handler(OpenApiCall(verified, principal, context, request_id, authorize_also))

    def _action(self, verified: VerifiedCall) -> OpenApiAction | None:
        if verified.version != self.service.version:
            raise Refusal("InvalidVersion", f"Specified parameter Version {verified.version!r} is not valid.")
        return self.service.actions.get(verified.action)


def _not_served(verified: VerifiedCall) -> Refusal:
    return Refusal(
        "InvalidAction.NotFound", f"Specified api {verified.action!r} is not found in the sandbox.", 404
    )


def _body(request: Request) -> bytes:
    try:
        return request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise Refusal("InvalidParameter", "The request body is larger than 1 MiB.", 413) from None
