"""Plans run back to back in one process (the in-process CLI tests, `check` of several stacks, bench/plan.py)
leave nothing of the Pulumi runtime behind: the settings and config it sets, the collector thresholds and
the SDK hook it swaps, the program's logger, warning filters, threads."""

from __future__ import annotations

import gc
import logging
import os
import threading
import warnings
from pathlib import Path
from typing import Any

import pytest
from pulumi.runtime import config as pulumi_config
from pulumi.runtime import resource as pulumi_resource
from pulumi.runtime import settings

from icekit.errors import UserInputError
from icekit.plan import run_plan
from icekit.plan.runtime import PROGRAM_LOGGER


def _process_state() -> dict[str, Any]:
    logger = logging.getLogger(PROGRAM_LOGGER)
    return {
        "project": settings.get_project(),
        "stack": settings.get_stack(),
        "organization": settings.get_organization(),
        "root directory": settings.get_root_directory(),
        "monitor": settings.get_monitor(),
        "engine": settings.get_engine(),
        "dry run": settings.is_dry_run(),
        "root resource": settings.get_root_resource(),
        "config": dict(pulumi_config.CONFIG.get()),
        "gc thresholds": gc.get_threshold(),
        "stack trace hook": pulumi_resource._get_stack_trace,
        "program logger": (logger.level, logger.propagate, list(logger.handlers), logger.disabled),
        "warning filters": list(warnings.filters),
        "threads": sorted(thread.name for thread in threading.enumerate()),
        "working directory": os.getcwd(),
    }


def _failing_program() -> None:
    raise UserInputError("broken on purpose", key_path="icekit:apps[0]")


def test_plans_leave_no_runtime_state_behind(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As a process that has not planned yet has it (an earlier test in this worker may have planned).
    monkeypatch.setattr(logging.getLogger(PROGRAM_LOGGER), "propagate", True)
    before = _process_state()

    first = run_plan("dev", project).model_dump_json()
    assert _process_state() == before
    run_plan("staging", project)
    with pytest.raises(UserInputError, match="broken on purpose"):
        run_plan("dev", project, program=_failing_program)
    with pytest.raises(UserInputError, match="unknown stack"):
        run_plan("qa", project)
    assert _process_state() == before
    assert run_plan("dev", project).model_dump_json() == first
