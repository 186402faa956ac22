"""The sandbox's ICE, as alibabacloud-ice20201109 calls it (RPC, version 2020-11-09): the pipeline with the
region's event-callback setting (`SetEventCallback`, `GetEventCallback`) kept in the state directory.

Every ICE call is authorized as `ice:<Action>` on `acs:ice:*:<account>:*`: ICE authorizes per operation only
(no resource-level authorization; the region part of the ARN is not supported), per the ICE facts sheet.
The upload actions (CreateUploadMedia, RefreshUploadMedia, GetMediaInfo, RegisterMediaInfo) plug in here as
further `OpenApiAction`s; their parameters are validated with icekit's models.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from icekit.sandbox.authorizer import Authorizer
from icekit.sandbox.credentials import CredentialStore
from icekit.sandbox.openapi_app import OpenApiAction, OpenApiApplication, OpenApiCall, OpenApiService
from icekit.sandbox.openapi_common import VerifiedCall
from icekit.sandbox.openapi_wire import access_denied
from icekit.sandbox.principals import Principal
from icekit.sandbox.state import StateDirectory

__all__ = ["EVENT_CALLBACK_FIELDS", "ICE_VERSION", "ice_application", "ice_resource", "ice_service"]

ICE_VERSION = "2020-11-09"
# SetEventCallback's parameters, which GetEventCallback returns (the SDK's request and response models).
EVENT_CALLBACK_FIELDS = (
    "CallbackType",
    "CallbackURL",
    "CallbackQueueName",
    "EventTypeList",
    "AuthSwitch",
    "AuthKey",
)


def ice_resource(verified: VerifiedCall, principal: Principal) -> str:
    return f"acs:ice:*:{principal.account_id}:*"


class _EventCallback:
    """One setting per region and account. A SetEventCallback parameter that is given replaces the stored
    value and one that is left out keeps it (ICE documents no reset; components/ice/event_callback.py relies
    on an omitted AuthSwitch/AuthKey keeping the auth settings)."""

    def __init__(self, state: StateDirectory, region: str) -> None:
        self._state = state
        self._name = f"event-callback.{region}"

    def get(self, call: OpenApiCall) -> Mapping[str, Any]:
        setting = self._state.read_record("settings", self._name) or {}
        return {name: setting[name] for name in EVENT_CALLBACK_FIELDS if name in setting}

    def set(self, call: OpenApiCall) -> Mapping[str, Any]:
        setting = self._state.read_record("settings", self._name) or {}
        setting.update({name: call.params[name] for name in EVENT_CALLBACK_FIELDS if name in call.params})
        self._state.write_record("settings", self._name, setting, private=True)  # it holds the auth key
        return {"Success": True}


def ice_service(state: StateDirectory, region: str) -> OpenApiService:
    callback = _EventCallback(state, region)
    return OpenApiService(
        name="ice",
        version=ICE_VERSION,
        actions={
            "GetEventCallback": OpenApiAction(handler=callback.get, resource=ice_resource),
            "SetEventCallback": OpenApiAction(handler=callback.set, resource=ice_resource),
        },
        denied=access_denied(
            "Forbidden.RAM",
            "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        ),
    )


def ice_application(
    state: StateDirectory, region: str, credentials: CredentialStore, authorizer: Authorizer, **options: Any
) -> OpenApiApplication:
    """The ICE WSGI application; `options` are OpenApiApplication's (nonces, clock, overrides, on_record)."""
    return OpenApiApplication(ice_service(state, region), credentials, authorizer, **options)
