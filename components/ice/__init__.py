"""ICE-side settings as Pulumi dynamic resources (pulumi-alicloud has no ICE resources).

Each provider calls the official SDK `alibabacloud-ice20201109`. The providers are small, top-level classes
that hold only plain strings: Pulumi pickles them (dill) into the state, and builds no client until a call.
"""

from __future__ import annotations

from .client import ENDPOINT_ENV, ice_client
from .event_callback import EventCallbackProvider, IceEventCallback, event_callback_props

__all__ = ["ENDPOINT_ENV", "EventCallbackProvider", "IceEventCallback", "event_callback_props", "ice_client"]
