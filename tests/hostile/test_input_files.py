"""Every input file goes through one bounded reader (icekit.input_file): what is not a regular file, or is too
large, gets the same message in validate, render --outputs, check --policy and plan."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from icekit.facts.inputs import MAX_INPUT_BYTES
from icekit.input_file import NOT_REGULAR
from tests.hostile.conftest import refused, run


def _verbs(path: str, tmp_path: Path) -> list[list[str]]:
    return [
        ["validate", "user-data", path],
        ["validate", "client-config", path],
        ["render", "--outputs", path, "--out", str(tmp_path / "out")],
        ["check", "--policy", path],
    ]


def _fifo(tmp_path: Path) -> str:
    path = tmp_path / "fifo.json"
    os.mkfifo(path)
    return str(path)


MAKERS = [lambda _: "/dev/zero", lambda t: str(t), _fifo]


@pytest.mark.parametrize("make", MAKERS, ids=["device", "dir", "fifo"])
def test_not_a_regular_file(tmp_path: Path, make: object) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    for args in _verbs(path, tmp_path):
        result = run(*args)
        refused(result, f"{path}: ")
        # the policy reader says which file kind it was reading; the bounded reader's words are the same
        assert NOT_REGULAR in result.stderr, args
    assert not (tmp_path / "out").exists()


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_INPUT_BYTES + 1)
    for args in _verbs(str(path), tmp_path):
        refused(run(*args), f"{path}: ")
    assert not (tmp_path / "out").exists()


def test_stack_file_that_is_a_device(project: Path) -> None:
    link = project / "stacks" / "Pulumi.zero.yaml"
    link.symlink_to("/dev/zero")
    result = run("plan", "zero", "--project-dir", str(project), "--out", str(project / "out"))
    refused(result, f"{link}: ")
    assert "is not a regular file" in result.stderr
