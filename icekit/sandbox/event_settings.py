"""The region's event-callback setting (SetEventCallback / GetEventCallback), as the state directory keeps it
and as event delivery reads it.

The setting is one record per region (`settings/event-callback.<region>.json`, private: it holds the auth key)
with SetEventCallback's parameter names. Sources: the SDK's SetEventCallbackRequest and
GetEventCallbackResponseBody models; docs/ice-facts.md section 7.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from icekit.sandbox.state import StateDirectory

__all__ = [
    "EVENT_CALLBACK_FIELDS",
    "EventCallbackSetting",
    "event_callback_record_name",
    "read_event_callback",
]

# SetEventCallback's parameters, which GetEventCallback returns (the SDK's request and response models).
EVENT_CALLBACK_FIELDS: Final = (
    "CallbackType",
    "CallbackURL",
    "CallbackQueueName",
    "EventTypeList",
    "AuthSwitch",
    "AuthKey",
)


def event_callback_record_name(region: str) -> str:
    return f"event-callback.{region}"


@dataclass(frozen=True)
class EventCallbackSetting:
    callback_type: str  # "HTTP" or "MNS"
    callback_url: str | None
    queue_name: str | None
    event_types: frozenset[str]
    auth_key: str | None  # set only when AuthSwitch is "on": the key HTTP callbacks are signed with

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> EventCallbackSetting:
        names = str(record.get("EventTypeList") or "")
        auth_on = str(record.get("AuthSwitch") or "").lower() == "on"
        return cls(
            callback_type=str(record.get("CallbackType") or "HTTP").upper(),
            callback_url=record.get("CallbackURL") or None,
            queue_name=record.get("CallbackQueueName") or None,
            event_types=frozenset(name.strip() for name in names.split(",") if name.strip()),
            auth_key=(record.get("AuthKey") or None) if auth_on else None,
        )

    def subscribes(self, event_type: str) -> bool:
        return event_type in self.event_types


def read_event_callback(state: StateDirectory, region: str) -> EventCallbackSetting | None:
    record = state.read_record("settings", event_callback_record_name(region))
    return EventCallbackSetting.from_record(record) if record else None
