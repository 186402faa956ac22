"""The console script (icekit.console.run): the collector off while the verb's modules are imported, on
(the imports frozen) for the verb; plan and check, whose process ends with the command, keep the plan's
collector policy (icekit.plan.collector.keep_frozen_until_exit). `main`, as tests and programs call it,
changes neither."""

from __future__ import annotations

import gc
import io
import sys
from collections.abc import Iterator

import pytest

import icekit.plan.collector as collector
from icekit.cli import main
from icekit.console import run
from tests.plan.conftest import PROJECT_ROOT

FILE_INFO = '{"Type":"video","Name":"test","Size":108078336,"Ext":"mp4"}'


@pytest.fixture
def collector_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """The collector's state restored after the test; what a verb saw of it (gc.isenabled), recorded."""
    import icekit.cli.validate as validate

    seen: list[bool] = []
    canonical_text = validate.canonical_text

    def recording(kind: str, text: str) -> str:
        seen.append(gc.isenabled())
        return canonical_text(kind, text)

    monkeypatch.setattr(validate, "canonical_text", recording)
    monkeypatch.setattr(collector, "_until_exit", False)
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    try:
        yield seen
    finally:
        gc.enable()
        gc.set_threshold(*thresholds)
        if frozen == 0:
            gc.unfreeze()


def _validate(entry: object, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FILE_INFO.encode())))
    monkeypatch.setattr(sys, "argv", ["icekit", "validate", "file-info", "-"])
    with pytest.raises(SystemExit) as done:
        entry() if entry is run else main(sys.argv[1:])  # type: ignore[operator]
    return int(done.value.code or 0)


def test_the_console_script_imports_without_passes_and_runs_the_verb_with_them(
    collector_state: list[bool], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    disabled_at_start: list[bool] = []
    enable = gc.enable

    def recording_enable() -> None:
        disabled_at_start.append(not gc.isenabled())
        enable()

    monkeypatch.setattr(gc, "enable", recording_enable)
    assert _validate(run, monkeypatch) == 0
    assert FILE_INFO in capsys.readouterr().out
    assert disabled_at_start[:1] == [True]  # off until the verb's module was imported
    assert collector_state == [True]  # the verb itself ran with the collector on
    assert gc.get_freeze_count() > 0  # the imports frozen (and the heap at exit)
    assert not collector._until_exit  # validate plans nothing


def test_main_leaves_the_collector_as_it_is(
    collector_state: list[bool], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    frozen = gc.get_freeze_count()
    assert _validate(main, monkeypatch) == 0
    assert collector_state == [True]
    assert gc.get_freeze_count() == frozen


@pytest.mark.parametrize("ends_process", [True, False])
def test_check_keeps_the_plan_policy_only_when_the_process_ends_with_it(
    collector_state: list[bool], ends_process: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["check", "dev", "--project-dir", str(PROJECT_ROOT)], ends_process=ends_process)
    assert done.value.code == 0, capsys.readouterr().err
    assert collector._until_exit is ends_process
