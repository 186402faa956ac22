"""How `pytest -n N` shares the tests out between its workers.

Like xdist's default (`--dist load`), one test at a time to whichever worker is nearly idle, except that the
tests of one group go to one worker together, so what they share and is costly to build is paid once, not
once per worker, and a group (the largest first) starts at the beginning, not in the tail of the run.
xdist's own `--dist loadgroup` would do this from `xdist_group` marks, but with pytest 9.2 it silently
stops grouping (pytest-dev/pytest-xdist#1386), so the groups are named here, by test file name (which
survives a move of the file to another directory).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

__all__ = ["GROUPS", "GroupScheduling"]

GROUPS: dict[str, str] = {
    # The ICE SDK's client module is 1.3 MB of Python: about 2 s to compile in each process that loads it.
    "test_ice_event_callback.py": "ice-sdk",
    "test_own_bucket.py": "ice-sdk",
    "test_sdk_stub.py": "ice-sdk",
    # A git repository with five branches and a warm plan-worker server (its module fixtures).
    "test_git_review.py": "git-review",
    # One `icekit sandbox dev`, one example server and Chromium for both uploads (the module's fixture).
    "test_web_upload.py": "web-upload",
}


class GroupScheduling(LoadScopeScheduling):  # type: ignore[misc]
    """A work unit is a group, or else a single test (xdist orders units by size, largest first)."""

    def _split_scope(self, nodeid: str) -> str:
        return GROUPS.get(PurePosixPath(nodeid.split("::", 1)[0]).name, nodeid)
