"""The region's ICE event callback (SetEventCallback / GetEventCallback) as a Pulumi dynamic resource.

ICE keeps one event-callback setting per region and account, and has no API to remove it. Create therefore
reads the region's setting (GetEventCallback) before it sets its own and keeps it in the state; delete puts
that previous setting back exactly (its auth key included, a secret in the state). Only when the region had
no setting does delete fall back to SetEventCallback with the same target and an empty EventTypeList, leaving
AuthSwitch/AuthKey as they were (turning auth off could let unsigned callbacks through if ICE ignored the
empty list). Whether ICE accepts an empty EventTypeList is not documented; if it rejects it, that delete
fails and the resource stays in the state (Pulumi's rule for a failed delete) for the operator to decide.
"""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)

__all__ = [
    "FIELDS",
    "PREVIOUS_AUTH_KEY",
    "PREVIOUS_SETTING",
    "SECRET_OUTPUTS",
    "EventCallbackProvider",
    "IceEventCallback",
    "event_callback_props",
]

# The properties that describe the setting; a change to any of them is an in-place update.
FIELDS = ("callbackType", "callbackUrl", "callbackQueueName", "eventTypeList", "authSwitch", "authKey")
# State only (not inputs): the region's setting before create, restored on delete. The previous auth key is
# kept apart from the rest so that only it is a secret in the state.
PREVIOUS_SETTING = "previousSetting"
PREVIOUS_AUTH_KEY = "previousAuthKey"
SECRET_OUTPUTS = ("authKey", PREVIOUS_AUTH_KEY)


def event_callback_props(
    *,
    region: str,
    kind: str,
    url: str | None,
    queue_name: str | None,
    events: list[str],
    auth_key: pulumi.Input[str] | None,
) -> dict[str, Any]:
    """The resource's inputs, in the API's terms (contract: docs/contracts.md, resource table)."""
    is_http = kind == "http"
    return {
        "iceResource": "EventCallback",
        "region": region,
        "callbackType": "HTTP" if is_http else "MNS",
        "callbackUrl": url if is_http else None,
        "callbackQueueName": None if is_http else queue_name,
        "eventTypeList": ",".join(sorted(set(events))),
        "authSwitch": ("on" if auth_key is not None else "off") if is_http else None,
        "authKey": auth_key if is_http else None,
    }


def _state(props: dict[str, Any]) -> dict[str, Any]:
    return {"iceResource": "EventCallback", "region": props["region"], **{k: props.get(k) for k in FIELDS}}


def _previous(state: dict[str, Any]) -> dict[str, Any]:
    """The captured previous setting, carried over unchanged from one state to the next."""
    return {PREVIOUS_SETTING: state.get(PREVIOUS_SETTING), PREVIOUS_AUTH_KEY: state.get(PREVIOUS_AUTH_KEY)}


def _captured(body: Any) -> dict[str, Any]:
    """State entries for the setting GetEventCallback returned before create; nulls when there was none.

    A setting exists when it names a target (an HTTP URL or an MNS queue). It is kept as ICE returned it
    (EventTypeList unsorted), so delete restores it exactly; its auth key goes to the secret previousAuthKey.
    """
    nothing: dict[str, Any] = {PREVIOUS_SETTING: None, PREVIOUS_AUTH_KEY: None}
    if body is None:
        return nothing
    kind = body.callback_type
    url = body.callback_url or None
    queue = body.callback_queue_name or None
    if (url if kind == "HTTP" else queue if kind == "MNS" else None) is None:
        return nothing
    setting = {
        "callbackType": kind,
        "callbackUrl": url if kind == "HTTP" else None,
        "callbackQueueName": queue if kind == "MNS" else None,
        "eventTypeList": body.event_type_list or "",
        "authSwitch": (body.auth_switch or None) if kind == "HTTP" else None,
    }
    return {PREVIOUS_SETTING: setting, PREVIOUS_AUTH_KEY: (body.auth_key or None) if kind == "HTTP" else None}


class EventCallbackProvider(ResourceProvider):
    """Holds only the endpoint override (a string); builds the SDK client per call."""

    def __init__(self, endpoint: str | None = None) -> None:
        super().__init__()
        self.endpoint = endpoint

    def _client(self, region: str) -> Any:
        from .client import ice_client

        return ice_client(region, self.endpoint)

    def _send(self, region: str, setting: dict[str, Any], *, auth: bool = True) -> None:
        """SetEventCallback with `setting` (FIELDS keys). `auth=False` sends no AuthSwitch/AuthKey, so ICE
        keeps the auth settings it has."""
        from alibabacloud_ice20201109 import models as ice_models

        request = ice_models.SetEventCallbackRequest(
            callback_type=setting["callbackType"], event_type_list=setting["eventTypeList"]
        )
        if setting["callbackType"] == "HTTP":
            request.callback_url = setting["callbackUrl"]
            if auth:
                request.auth_switch = setting.get("authSwitch") or "off"
                if request.auth_switch == "on":
                    request.auth_key = setting["authKey"]
        else:
            request.callback_queue_name = setting["callbackQueueName"]
        response = self._client(region).set_event_callback(request)
        body = response.body
        if body is not None and body.success is False:
            raise RuntimeError(f"SetEventCallback did not succeed (RequestId {body.request_id})")

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        failures: list[CheckFailure] = []
        kind = news.get("callbackType")
        if kind not in ("HTTP", "MNS"):
            failures.append(CheckFailure("callbackType", "must be HTTP or MNS"))
        elif kind == "HTTP" and not news.get("callbackUrl"):
            failures.append(CheckFailure("callbackUrl", "required for an HTTP callback"))
        elif kind == "MNS" and not str(news.get("callbackQueueName") or "").startswith("ice-callback-"):
            failures.append(CheckFailure("callbackQueueName", "must start with ice-callback-"))
        if not news.get("eventTypeList"):
            failures.append(CheckFailure("eventTypeList", "at least one event type"))
        return CheckResult(news, failures)

    def create(self, props: dict[str, Any]) -> CreateResult:
        # Capture the region's setting first: if reading it fails, nothing has changed yet.
        previous = _captured(self._client(props["region"]).get_event_callback().body)
        self._send(props["region"], props)
        return CreateResult(f"{props['region']}/event-callback", {**_state(props), **previous})

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        region = props.get("region") or id_.split("/", 1)[0]
        body = self._client(region).get_event_callback().body
        live = {
            "callbackType": body.callback_type,
            "callbackUrl": body.callback_url or None,
            "callbackQueueName": body.callback_queue_name or None,
            "eventTypeList": ",".join(sorted(filter(None, (body.event_type_list or "").split(",")))),
            "authSwitch": body.auth_switch or None,
            "authKey": body.auth_key or None,
        }
        return ReadResult(id_, {"iceResource": "EventCallback", "region": region, **live, **_previous(props)})

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = [k for k in FIELDS if olds.get(k) != news.get(k)]
        replaces = ["region"] if olds.get("region") != news.get("region") else []
        return DiffResult(
            changes=bool(changed or replaces), replaces=replaces, delete_before_replace=bool(replaces)
        )

    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        self._send(news["region"], news)
        return UpdateResult({**_state(news), **_previous(olds)})

    def delete(self, _id: str, props: dict[str, Any]) -> None:
        previous = props.get(PREVIOUS_SETTING)
        if previous:
            # Put back what the region had before icekit. Auth is restored when it is known exactly (off, or
            # on with its key); otherwise ICE keeps its current auth settings rather than guessing.
            key = props.get(PREVIOUS_AUTH_KEY)
            switch = previous.get("authSwitch")
            known_auth = switch == "off" or (switch == "on" and bool(key))
            self._send(props["region"], {**previous, "authKey": key}, auth=known_auth)
        else:
            # Nothing to restore: stop deliveries, never turning authentication off.
            self._send(props["region"], {**props, "eventTypeList": ""}, auth=False)


class IceEventCallback(Resource):
    """Type token `pulumi-python:dynamic:Resource`; the auth key and the previous setting's auth key stay
    secrets in inputs and state."""

    def __init__(
        self,
        name: str,
        props: dict[str, Any],
        *,
        endpoint: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        secret_opts = pulumi.ResourceOptions(additional_secret_outputs=list(SECRET_OUTPUTS))
        super().__init__(
            EventCallbackProvider(endpoint), name, props, pulumi.ResourceOptions.merge(secret_opts, opts)
        )
