"""Hooks for the whole test run."""

from __future__ import annotations

import gc
import importlib
import sys
from typing import Any

import pytest


def pytest_configure(config: pytest.Config) -> None:
    _import_hypothesis_as_plain_bytecode(config)
    _hypothesis_without_deadlines()


def _hypothesis_without_deadlines() -> None:
    """The tests run on machines whose cores are shared (two xdist workers, often other jobs): the time of
    one example says nothing about the code, and a missed deadline (200 ms by default) failed runs that
    were right. Each test's own settings (max_examples) still apply."""
    from hypothesis import settings

    settings.register_profile("icekit", deadline=None)
    settings.load_profile("icekit")


def _import_hypothesis_as_plain_bytecode(config: pytest.Config) -> None:
    """pytest rewrites the asserts of every module of a distribution that ships a pytest plugin, so each
    test process (and the xdist controller, whose hypothesis plugin imports hypothesis for its summary)
    rewrote hypothesis' ~100 modules, uncached where bytecode is not written: about a second each. Those
    asserts are hypothesis' own, not the tests': it is imported here with the rewriting hook set aside."""
    hook = getattr(config.pluginmanager, "rewrite_hook", None)
    if hook is None or hook not in sys.meta_path:  # --assert=plain
        return
    position = sys.meta_path.index(hook)
    sys.meta_path.remove(hook)
    try:
        importlib.import_module("hypothesis")
        importlib.import_module("hypothesis.strategies")
    finally:
        sys.meta_path.insert(position, hook)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`-n N` (xdist's `load`): the tests of a group in tests/support/groups.py go to one worker. Runs
    before xdist's own (trylast) implementation, which makes the scheduler for any other --dist."""
    if config.getvalue("dist") != "load":
        return None  # another --dist was asked for
    from tests.support.groups import GroupScheduling

    return GroupScheduling(config, log)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """The tests have run. A test process holds a large heap (pulumi, the provider SDK, pydantic models),
    and the interpreter's exit spent 1-2 s collecting it, in each xdist worker, whose exit the run waits
    for; frozen objects are left out of that collection."""
    gc.freeze()
