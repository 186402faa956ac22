"""One `icekit plan` and one `icekit check` (in process) read each input file once and build the
declaration once: the Pulumi program gets the declaration the plan built, and check takes the guardrail
settings and the stack file's lines from the plan. Counted with a Python audit hook on `open`."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import icekit.stack.build
from icekit.cli import cli

_recording: list[str] | None = None
_hook_installed = False


def _on_audit_event(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _recording is not None and isinstance(args[0], str | bytes | Path):
        _recording.append(str(Path(args[0] if not isinstance(args[0], bytes) else args[0].decode())))


@contextmanager
def recording_opens() -> Iterator[list[str]]:
    """The paths opened while the block runs (an audit hook cannot be removed: it records only then)."""
    global _recording, _hook_installed
    if not _hook_installed:
        sys.addaudithook(_on_audit_event)
        _hook_installed = True
    _recording = opened = []
    try:
        yield opened
    finally:
        _recording = None


def _opens_of(opened: list[str], *files: Path) -> list[int]:
    counts = Counter(Path(path).resolve() for path in opened)
    return [counts[file.resolve()] for file in files]


@pytest.mark.parametrize("verb", ["plan", "check"])
def test_each_input_file_is_read_once_and_the_declaration_built_once(
    verb: str, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[str] = []
    validated = icekit.stack.build._validated

    def counting(model: Any, source: Any) -> Any:
        builds.append(model.__name__)
        return validated(model, source)

    monkeypatch.setattr(icekit.stack.build, "_validated", counting)
    args = {
        "plan": ["plan", "dev", "--out", str(tmp_path / "build"), "--format", "json"],
        "check": ["check", "dev", "--format", "json"],
    }[verb]
    with recording_opens() as opened:
        result = CliRunner().invoke(cli, [*args, "--project-dir", str(project)])
    assert result.exit_code == 0, result.output
    assert _opens_of(opened, project / "stacks" / "Pulumi.dev.yaml", project / "Pulumi.yaml") == [1, 1]
    assert builds == ["StackDeclaration"]


def test_the_hook_sees_reads() -> None:
    """Not blind: reading a file inside the block is counted."""
    with recording_opens() as opened:
        Path(__file__).read_text(encoding="utf-8")
    assert _opens_of(opened, Path(__file__)) == [1]
