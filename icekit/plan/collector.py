"""The cyclic garbage collector's policy while a plan runs and builds its result, restored afterwards.

A plan allocates many long-lived objects (outputs, tasks, closures; then thousands of planned-resource
models). With the default thresholds every few hundred allocations start a pass, and the older generations'
passes walk the whole heap, the imported modules included: at 1,000 apps building the result alone spent
seconds in them. So, for the plan only: what existed before is frozen (gc.freeze: never walked), and the
first generation's threshold is raised so that passes are rare. The caller's thresholds come back after it,
and what was frozen is unfrozen (only when nothing was frozen before: a caller's own freeze is left alone).

A process that ends after its command (the `icekit plan` and `icekit check` console commands,
`keep_frozen_until_exit`) keeps the policy instead: when a plan ends, what it left is frozen too, its
cyclic garbage included. Restoring the thresholds made the next pass walk and free that garbage (271k
objects after a 1,000-app plan) in the serial part of the command; the end of the process frees it for
nothing (icekit.cli.run freezes the heap before exit for the same reason). Such a process also runs no
pass from then until its first plan starts, and freezes what came before each plan: the Pulumi SDKs'
imports and the stack file's reading make long-lived objects only. Figures: docs/plan.md.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["PLAN_GC_THRESHOLDS", "collector_policy", "keep_frozen_until_exit"]

PLAN_GC_THRESHOLDS = (500_000, 100, 100)

_until_exit = False


def keep_frozen_until_exit() -> None:
    """From now on, no pass until a plan starts; a plan's end leaves the policy in place and freezes what
    the plan left. Only for a process that ends after its command: a long-lived one (a test session,
    `icekit sandbox`) would keep every plan's garbage."""
    global _until_exit
    _until_exit = True
    gc.disable()


@contextmanager
def collector_policy() -> Iterator[None]:
    """Nests: an inner policy inside an outer one changes nothing the outer one set."""
    saved_thresholds = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0
    if freeze or _until_exit:
        gc.freeze()
    gc.set_threshold(*PLAN_GC_THRESHOLDS)
    if _until_exit:
        gc.enable()
    try:
        yield
    finally:
        if _until_exit:
            gc.freeze()
        else:
            gc.set_threshold(*saved_thresholds)
            if freeze:
                gc.unfreeze()
