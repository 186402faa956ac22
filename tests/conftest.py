"""Hooks for the whole test run."""

from __future__ import annotations

from typing import Any

import pytest


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`-n N` (xdist's `load`): the tests of a group in tests/support/groups.py go to one worker. Runs
    before xdist's own (trylast) implementation, which makes the scheduler for any other --dist."""
    if config.getvalue("dist") != "load":
        return None  # another --dist was asked for
    from tests.support.groups import GroupScheduling

    return GroupScheduling(config, log)
