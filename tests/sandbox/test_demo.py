"""`make demo` (tools/sandbox_demo.py) runs the whole flow against `icekit sandbox dev` and reports it."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.sandbox.verb_rig import REPO


def test_the_demo_runs_every_app_of_the_dev_stack_and_the_refusals() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tools.sandbox_demo", "dev"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "NO_PROXY": "127.0.0.1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for app in ("mobile-video", "cms-assets", "batch-import"):
        assert f"app {app} (" in out
    assert out.count("GetMediaInfo -> Normal, 4 bytes") == 3
    assert "RegisterMediaInfo -> " in out and "CreateUploadMedia -> " in out
    assert ": NoPermission (403)" in out
    assert "calling DeleteMediaInfos: Forbidden.RAM, no statement of the policies" in out
    assert "FileUploadComplete: delivered" in out  # the bundled dev stack subscribes to ICE's upload event
    assert "2 denied" in out and "stopped" in out
