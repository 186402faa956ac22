"""The command the console script runs (`icekit.cli.run`, called by icekit.console.run): the verb, then the
heap left to the process's exit."""

from __future__ import annotations

import gc
import sys

import pytest

from icekit.cli import run


def test_the_entry_runs_main_and_freezes_what_is_left(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["icekit", "--version"])
    frozen_before = gc.get_freeze_count()
    try:
        with pytest.raises(SystemExit) as exit_info:
            run()
        assert exit_info.value.code == 0
        assert "icekit" in capsys.readouterr().out
        assert gc.get_freeze_count() > frozen_before  # exit frees nothing object by object
    finally:
        if frozen_before == 0:
            gc.unfreeze()
