"""Tests that share something costly to build run in one xdist worker (`--dist loadgroup`, pyproject.toml),
so the cost is paid once, not once per worker. A test module opts in with `pytestmark = <GROUP>`."""

from __future__ import annotations

import pytest

__all__ = ["GIT_REVIEW", "ICE_SDK"]

# The ICE SDK's client module is 1.3 MB of Python: about 2 s to compile in each process that imports it.
ICE_SDK = pytest.mark.xdist_group("ice-sdk")
# The review tests' git repository and warm plan-worker server (module fixtures of test_git_review.py).
GIT_REVIEW = pytest.mark.xdist_group("git-review")
