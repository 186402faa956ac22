"""The sandbox's ICE, as alibabacloud-ice20201109 calls it (RPC, version 2020-11-09): the region's
event-callback setting (`SetEventCallback`, `GetEventCallback`) and, given `IceUploads`, the upload path:
`CreateUploadMedia`, `RefreshUploadMedia`, `GetMediaInfo`, `RegisterMediaInfo` (ice_upload, ice_media).

Every ICE call is authorized as `ice:<Action>` on `acs:ice:*:<account>:*`: ICE authorizes per operation only
(no resource-level authorization; the region part of the ARN is not supported), per the ICE facts sheet.
Besides the OpenAPI, the same port answers `GET /mns/<queue>` with the local MNS queue's messages (mns_queue).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request

from icekit.sandbox.app_rules import UploadRules
from icekit.sandbox.authorizer import Authorizer
from icekit.sandbox.credentials import CredentialStore
from icekit.sandbox.event_settings import EVENT_CALLBACK_FIELDS, event_callback_record_name
from icekit.sandbox.ice_media import MediaActions
from icekit.sandbox.ice_upload import UploadActions
from icekit.sandbox.media_library import MediaLibrary
from icekit.sandbox.mns_queue import MNS_PATH_PREFIX, LocalQueues, queue_listing
from icekit.sandbox.object_store import ObjectStore
from icekit.sandbox.openapi_app import OpenApiAction, OpenApiApplication, OpenApiCall, OpenApiService
from icekit.sandbox.openapi_common import VerifiedCall
from icekit.sandbox.openapi_wire import access_denied
from icekit.sandbox.principals import Principal
from icekit.sandbox.state import StateDirectory
from icekit.sandbox.upload_issuer import UploadStorage

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

__all__ = [
    "ICE_VERSION",
    "IceApplication",
    "IceUploads",
    "ice_application",
    "ice_resource",
    "ice_service",
]

ICE_VERSION = "2020-11-09"


def ice_resource(verified: VerifiedCall, principal: Principal) -> str:
    return f"acs:ice:*:{principal.account_id}:*"


@dataclass(frozen=True)
class IceUploads:
    """What the upload actions work on: the media records, the OSS objects, where uploads go, and the apps'
    own upload rules (none: ICE's rules only)."""

    library: MediaLibrary
    objects: ObjectStore
    storage: UploadStorage
    rules: UploadRules = field(default_factory=UploadRules)


class _EventCallback:
    """One setting per region and account. A SetEventCallback parameter that is given replaces the stored
    value and one that is left out keeps it (ICE documents no reset; components/ice/event_callback.py relies
    on an omitted AuthSwitch/AuthKey keeping the auth settings)."""

    def __init__(self, state: StateDirectory, region: str) -> None:
        self._state = state
        self._name = event_callback_record_name(region)

    def get(self, call: OpenApiCall) -> Mapping[str, Any]:
        setting = self._state.read_record("settings", self._name) or {}
        return {name: setting[name] for name in EVENT_CALLBACK_FIELDS if name in setting}

    def set(self, call: OpenApiCall) -> Mapping[str, Any]:
        setting = self._state.read_record("settings", self._name) or {}
        setting.update({name: call.params[name] for name in EVENT_CALLBACK_FIELDS if name in call.params})
        self._state.write_record("settings", self._name, setting, private=True)  # it holds the auth key
        return {"Success": True}


def _upload_actions(
    uploads: IceUploads, credentials: CredentialStore, region: str
) -> dict[str, OpenApiAction]:
    upload = UploadActions(uploads.library, credentials, uploads.storage, region, uploads.rules)
    media = MediaActions(uploads.library, uploads.objects, uploads.storage, region, uploads.rules)
    return {
        "CreateUploadMedia": OpenApiAction(handler=upload.create, resource=ice_resource),
        "RefreshUploadMedia": OpenApiAction(handler=upload.refresh, resource=ice_resource),
        "GetMediaInfo": OpenApiAction(handler=media.get, resource=ice_resource),
        "RegisterMediaInfo": OpenApiAction(handler=media.register, resource=ice_resource),
    }


def ice_service(
    state: StateDirectory,
    region: str,
    credentials: CredentialStore | None = None,
    uploads: IceUploads | None = None,
) -> OpenApiService:
    """The ICE actions; the upload actions only with `uploads` (and the `credentials` they issue from)."""
    callback = _EventCallback(state, region)
    actions = {
        "GetEventCallback": OpenApiAction(handler=callback.get, resource=ice_resource),
        "SetEventCallback": OpenApiAction(handler=callback.set, resource=ice_resource),
    }
    if uploads is not None:
        if credentials is None:
            raise ValueError(
                "the upload actions need the credential store they issue upload credentials from"
            )
        actions.update(_upload_actions(uploads, credentials, region))
    return OpenApiService(
        name="ice",
        version=ICE_VERSION,
        actions=actions,
        denied=access_denied(
            "Forbidden.RAM",
            "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        ),
        unserved_resource=ice_resource,
    )


@dataclass
class IceApplication:
    """The ICE port: `GET /mns/<queue>` lists a local MNS queue, every other request goes to the OpenAPI."""

    openapi: OpenApiApplication
    queues: LocalQueues

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        if request.method == "GET" and request.path.startswith(MNS_PATH_PREFIX):
            return queue_listing(self.queues, request.path)(environ, start_response)
        return self.openapi(environ, start_response)


def ice_application(
    state: StateDirectory,
    region: str,
    credentials: CredentialStore,
    authorizer: Authorizer,
    *,
    uploads: IceUploads | None = None,
    **options: Any,
) -> IceApplication:
    """The ICE WSGI application; `options` are OpenApiApplication's (nonces, clock, overrides, on_record)."""
    service = ice_service(state, region, credentials, uploads)
    return IceApplication(OpenApiApplication(service, credentials, authorizer, **options), LocalQueues(state))
