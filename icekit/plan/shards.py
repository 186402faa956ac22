"""One large stack planned on several cores: the apps cut into shards, each run in its own process, merged.

Each app's components depend only on the declaration and the shared components (callbacks, workflows, the
ICE event callback), so every shard runs the program for the shared components and a contiguous range of
apps (icekit.stack.ProgramInput.apps), its boundaries multiples of the program's window. This process runs
the first shard; each other shard runs in a child forked from it (icekit.plan.fork). The merge checks that
every shard registered the same shared resources (kept once), joins the apps' resources in shard order and
the per-app outputs; the plan puts them in declaration order (icekit.plan.order) either way, so the merged
plan is the one-process plan byte for byte.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, cast

from icekit.plan.fork import ForkedCall, abandon, child_result, fork_cores, start_child
from icekit.plan.order import app_indices
from icekit.plan.recorder import Recorded, Registration

__all__ = [
    "PER_APP_OUTPUTS",
    "SHARD_ABOVE_APPS",
    "ShardMismatch",
    "merged",
    "run_in_shards",
    "shard_count",
    "shard_ranges",
]

# More apps than this, and several cores: shards. At 30 apps two shards took as long as one process, at 40
# and more less (docs/plan.md, Performance).
SHARD_ABOVE_APPS = 50

# Stack outputs that map app -> value: each shard exports its apps'; the others are the same in every shard.
PER_APP_OUTPUTS = ("clientConfigs", "callbackAuthKeys")


class ShardMismatch(RuntimeError):
    """The shards disagree on what they share: a program whose apps are not independent of each other."""


def shard_count(apps: int, window: int) -> int:
    """1 (plan in this process) for a small stack, one core, or while other threads run (no fork then)."""
    if apps <= SHARD_ABOVE_APPS:
        return 1
    return max(1, min(fork_cores(), -(-apps // window)))


def shard_ranges(apps: int, shards: int, window: int) -> list[range]:
    """`apps` cut into at most `shards` contiguous ranges of whole windows, as even as can be."""
    windows = max(1, -(-apps // window))
    count = max(1, min(shards, windows))
    bounds = [windows * k // count * window for k in range(count + 1)]
    return [range(bounds[k], min(bounds[k + 1], apps)) for k in range(count)]


def run_in_shards(run_shard: Callable[[range], Recorded], ranges: Sequence[range]) -> Recorded:
    """`run_shard(apps)` for every range, the first here and the others in forked children; merged."""
    children: list[ForkedCall] = []
    try:
        for apps in ranges[1:]:
            label = f"plan shard of apps {apps.start}-{apps.stop - 1}"
            children.append(start_child(functools.partial(run_shard, apps), label))
        records = [run_shard(ranges[0])]
        records.extend(cast(Recorded, child_result(child)) for child in children)
    finally:
        for child in children:
            abandon(child)
    return merged(records, ranges)


def merged(records: Sequence[Recorded], ranges: Sequence[range]) -> Recorded:
    """The shards' records as one: shared resources once (the same in every shard), then every shard's apps'
    resources in shard order; outputs and messages joined."""
    shared: dict[str, Registration] | None = None
    of_apps: list[Registration] = []
    for record, apps in zip(records, ranges, strict=True):
        own: dict[str, Registration] = {}
        for registration, index in zip(record.registrations, app_indices(record.registrations), strict=True):
            if index is None:
                own[registration.urn] = registration
            elif index in apps:
                of_apps.append(registration)
            else:
                raise ShardMismatch(f"the shard of apps {apps} registered {registration.urn} (app {index})")
        if shared is None:
            shared = own
        elif own != shared:
            raise ShardMismatch(f"the shard of apps {apps} registered other shared resources than the first")
    return Recorded(
        registrations=[*(shared or {}).values(), *of_apps],
        outputs=_merged_outputs([record.outputs for record in records]),
        messages=list(dict.fromkeys(message for record in records for message in record.messages)),
    )


def _merged_outputs(outputs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per-app outputs joined, their keys sorted as the program sorts them; the others the same in each."""
    first = outputs[0]
    if any(list(other) != list(first) for other in outputs[1:]):
        raise ShardMismatch("the shards exported different stack outputs")
    joined: dict[str, Any] = {}
    for key, value in first.items():
        values = [each[key] for each in outputs]
        if key in PER_APP_OUTPUTS and all(isinstance(each, dict) for each in values):
            joined[key] = dict(sorted(item for each in values for item in each.items()))
        elif any(each != value for each in values[1:]):
            raise ShardMismatch(f"the shards exported different values of {key}")
        else:
            joined[key] = value
    return joined
