"""What the CB4xx rules read from a callback endpoint or the region's ICE event callback."""

from __future__ import annotations

from dataclasses import dataclass

from icekit.facts.type_tokens import CALLBACK_ENDPOINT, DYNAMIC, is_event_callback
from icekit.rules.values import prop_str
from icekit.rules.view import ResourceView

__all__ = ["CALLBACK_TYPES", "CallbackFacts", "callback_facts"]

CALLBACK_TYPES: tuple[str, ...] = (CALLBACK_ENDPOINT, DYNAMIC)


@dataclass(frozen=True)
class CallbackFacts:
    kind: str  # "http" | "mns"
    url: str | None
    queue_name: str | None
    auth_enabled: bool | None  # None: not known (secret/unknown)
    allow_insecure_http: bool
    region: str | None
    is_event_callback: bool

    @property
    def noun(self) -> str:
        """How messages name it: the event callback points at a declared endpoint and shares its URL and
        declaration path, so without this its finding would read exactly like the endpoint's."""
        return "ICE event callback" if self.is_event_callback else "callback"


def callback_facts(view: ResourceView) -> CallbackFacts | None:
    props = view.props
    if view.type == CALLBACK_ENDPOINT:
        kind = (prop_str(props, "kind") or "").lower()
        auth = props.get("authEnabled")
        return CallbackFacts(
            kind=kind,
            url=prop_str(props, "url"),
            queue_name=prop_str(props, "queueName"),
            auth_enabled=auth if isinstance(auth, bool) else None,
            allow_insecure_http=props.get("allowInsecureHttp") is True,
            region=prop_str(props, "region"),
            is_event_callback=False,
        )
    if is_event_callback(view.type, props):
        switch = prop_str(props, "authSwitch")
        return CallbackFacts(
            kind=(prop_str(props, "callbackType") or "").lower(),
            url=prop_str(props, "callbackUrl"),
            queue_name=prop_str(props, "callbackQueueName"),
            auth_enabled=None if switch is None else switch.lower() == "on",
            allow_insecure_http=props.get("allowInsecureHttp") is True,
            region=prop_str(props, "region"),
            is_event_callback=True,
        )
    return None
