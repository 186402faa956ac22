"""The forms of the identifiers icekit declares or passes on: ICE's AppId, EntityId and workflow id, and the
Alibaba Cloud account id.

AppId: the reference page gives the default `app-1000000`; icekit accepts `app-<digits>`.
EntityId: returned by CreateEntity; the reference example `9e177cac2fb44f8b8c67b199fcc7bffd` is 32 hex
characters, accepted in lower or upper case and kept as given.
Workflow id: 32 lower-case hex characters, as ICE shows them (the stack declaration and the client
configuration's `WorkflowId` both use this pattern).
"""

from __future__ import annotations

__all__ = [
    "ACCOUNT_ID_PATTERN",
    "APP_ID_PATTERN",
    "DEFAULT_APP_ID",
    "ENTITY_ID_PATTERN",
    "OFFLINE_ACCOUNT_ID",
    "WORKFLOW_ID_PATTERN",
]

DEFAULT_APP_ID = "app-1000000"
APP_ID_PATTERN = r"^app-[0-9]+$"
ENTITY_ID_PATTERN = r"^[0-9a-fA-F]{32}$"
WORKFLOW_ID_PATTERN = r"^[0-9a-f]{32}$"
ACCOUNT_ID_PATTERN = r"^[0-9]{12,20}$"
# The account of an offline plan when the stack declares none (`icekit:accountId`), marked offline.
OFFLINE_ACCOUNT_ID = "000000000000"
