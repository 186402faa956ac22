"""Session fixtures of the wheel smoke test: built once per test session (per xdist worker)."""

from __future__ import annotations

import pytest

from tests.distribution.commands import CHECKOUT_ICEKIT, PlanArtefacts, plan_dev
from tests.distribution.wheel import Distributions, build_distributions


@pytest.fixture(scope="session")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> Distributions:
    return build_distributions(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def reference_plan(tmp_path_factory: pytest.TempPathFactory) -> PlanArtefacts:
    """The dev stack planned by this checkout's icekit on the suite's interpreter: what every installed
    wheel, on every interpreter, must reproduce byte for byte."""
    return plan_dev(CHECKOUT_ICEKIT, tmp_path_factory.mktemp("reference"))
