"""The xdist groups of tests/support/groups.py name test files that exist, and group their tests only."""

from __future__ import annotations

from pathlib import Path

from tests.support.groups import GROUPS, GroupScheduling

TESTS = Path(__file__).resolve().parents[1]


def test_every_grouped_file_exists_once() -> None:
    for name in GROUPS:
        found = list(TESTS.rglob(name))
        assert len(found) == 1, f"{name}: named in tests/support/groups.py, found {found} under {TESTS}"


def test_a_group_is_one_work_unit_and_any_other_test_is_its_own() -> None:
    split = GroupScheduling._split_scope
    units = {
        split(None, nodeid)
        for nodeid in (
            "tests/components/test_ice_event_callback.py::test_create_sets_the_region_callback",
            "tests/render/test_sdk_stub.py::test_the_stub_rejects_what_the_models_reject",
            "tests/render/test_own_bucket.py::test_x[a-b]",
        )
    }
    assert units == {"ice-sdk"}
    other = "tests/render/test_files.py::test_y[1]"
    assert split(None, other) == other
