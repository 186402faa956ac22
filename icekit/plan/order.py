"""The order of a plan's resources: the shared ones first, then app by app in declaration order.

The program builds the apps a window at a time (components/program.py `plan_main`), and a window's last
registrations (policies, attachments, which wait for its roles) interleave with the next window's first
ones. A plan cut into shards of apps (icekit.plan.shards) interleaves them otherwise at the shards' edges,
so the plan's order is made independent of where the windows and shards fall: every registration goes with
the top-level resource above it (an app's UploadProfile, or a shared callback or workflow), the shared ones
keep their registration order and come first, then each app's, in the order of the stack's apps, each in
registration order.
"""

from __future__ import annotations

from collections.abc import Sequence

from icekit.facts.type_tokens import UPLOAD_PROFILE
from icekit.keypath import parse_key_path
from icekit.plan.recorder import Registration

__all__ = ["app_indices", "in_declaration_order"]


def app_indices(registrations: Sequence[Registration]) -> list[int | None]:
    """For each registration, the index of the app (icekit:apps[i]) whose profile it lies under, or None
    for a shared resource. Parents are registered before their children."""
    owner: dict[str, int | None] = {}
    indices: list[int | None] = []
    for registration in registrations:
        if registration.parent is not None:
            index = owner.get(registration.parent)
        elif registration.type == UPLOAD_PROFILE and registration.declaration_path is not None:
            parts = parse_key_path(registration.declaration_path)
            index = parts[1] if len(parts) == 2 and isinstance(parts[1], int) else None
        else:
            index = None
        owner[registration.urn] = index
        indices.append(index)
    return indices


def in_declaration_order(registrations: Sequence[Registration]) -> list[Registration]:
    """Shared resources first, then each app's; registration order within each (a stable sort)."""
    rank = [-1 if index is None else index for index in app_indices(registrations)]
    order = sorted(range(len(registrations)), key=rank.__getitem__)
    return [registrations[at] for at in order]
