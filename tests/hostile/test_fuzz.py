"""Fuzz the stack-file reader and the JSON readers in process: whatever the bytes, the answer is a value or a
UserInputError (exit 0, 1 or 2 from the CLI), never another exception, and always within a bounded time."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icekit.errors import UserInputError
from icekit.json_input import parse_json
from icekit.models.base import decode_json_object
from icekit.models.problems import InvalidDocumentError
from icekit.stack.feed import runtime_config_of
from icekit.stack.stack_file import StackFile
from tests.hostile.conftest import DEV, run

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
BOUND_SECONDS = 2.0

# Pieces a hostile file is made of: YAML and JSON syntax, anchors and aliases, tags, numbers, dates, keys.
_PIECES = st.sampled_from(
    [
        "[", "]", "{", "}", ",", ":", " ", "\n", "  ", "- ", "&a ", "*a", "&b ", "*b", "<<: ", "!!binary ",
        "!!set ", "!!str ", "? ", "'", '"', "#", "~", "null", "true", "yes", "NaN", ".nan", "-.inf",
        "9" * 50, "1e999", "0x7f", "2024-01-01", "12:30:00", "icekit:apps", "alicloud:region", "other:x",
        "secure", "config", "\t", "\\", "\x00", "\ufeff", "é",
    ]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=60).map("".join)


def _bounded(started: float) -> None:
    assert time.monotonic() - started < BOUND_SECONDS, "an input took too long to answer"


@FUZZ
@given(body=_TEXTS)
def test_stack_file_reader(tmp_path: Path, body: str) -> None:
    path = tmp_path / "Pulumi.fuzz.yaml"
    in_dev = DEV.replace("config:\n", f"config:\n  o:x: {body}\n")
    for text in (f"config:\n  other:x: {body}\n", body, in_dev):
        started = time.monotonic()
        try:
            stack_file = StackFile.from_text(path, text)
            runtime_config_of(stack_file.values)  # the config feed takes whatever was read
        except UserInputError:
            pass
        _bounded(started)


@FUZZ
@given(body=_TEXTS)
def test_json_readers(body: str) -> None:
    for text in (body, f'{{"a": {body}}}', f"[{body}]"):
        started = time.monotonic()
        with contextlib.suppress(ValueError):  # JsonInputError or JSONDecodeError, nothing else
            parse_json(text)
        with contextlib.suppress(InvalidDocumentError):
            decode_json_object(text, "Doc")
        _bounded(started)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_TEXTS)
def test_cli_verbs(tmp_path: Path, body: str) -> None:
    path = tmp_path / "input.json"
    path.write_text(body, encoding="utf-8")
    for args in (
        ["validate", "user-data", str(path)],
        ["render", "--outputs", str(path), "--out", str(tmp_path / "out")],
        ["check", "--policy", str(path)],
    ):
        started = time.monotonic()
        assert run(*args).returncode in (0, 1, 2)  # run() also asserts: no traceback, no escaped exception
        _bounded(started)
