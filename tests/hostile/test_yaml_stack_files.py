"""The stack-file reader (icekit.stack.stack_file + yaml_nodes): aliases, depth, huge integers, tags and other
namespaces, in plan and check: exit 2, file and key path, no traceback, nothing written, in well under a
second."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from icekit.errors import UserInputError
from icekit.stack.feed import runtime_config
from icekit.stack.stack_file import StackFile
from tests.hostile.conftest import DEV, refused, run, with_config, write_stack


def _laughs(levels: int) -> str:
    lines = ["  other:l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    lines += [f"  other:l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, levels)]
    return "".join(lines)


REFUSED = [
    ("billion laughs", with_config(_laughs(10)), "other:l5", "expands to more than 200000 values"),
    ("alias in its own anchor", with_config("  other:x: &a [*a]\n"), "other:x[0]", "inside its own anchor"),
    ("mapping in itself", with_config("  other:m: &m {self: *m}\n"), "other:m.self", "inside its own anchor"),
    ("deep flow list", with_config("  other:x: " + "[" * 5000 + "\n"), None, "deeper than 64 levels"),
    ("deep but valid", with_config("  other:x: " + "[" * 70 + "]" * 70 + "\n"), "other:x", "deeper than 64"),
    ("huge integer", with_config("  other:x: " + "9" * 5000 + "\n"), "other:x", "an integer of 5000 digits"),
    ("huge integer in icekit", DEV.replace("2147483648", "9" * 5000, 1),
     "icekit:apps[0].fileTypes.video.maxSizeBytes", "an integer of 5000 digits"),
    ("binary tag", with_config("  other:b: !!binary aGVsbG8=\n"), "other:b", "uses the YAML tag !!binary"),
    ("set tag", with_config("  other:s: !!set {a, b}\n"), "other:s", "uses the YAML tag !!set"),
    ("list as key", with_config("  other:k: {[a, b]: c}\n"), "other:k", "has a key at line"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "key_path", "message"), REFUSED, ids=[c[0] for c in REFUSED])
@pytest.mark.parametrize("verb", ["plan", "check"])
def test_refused_cleanly_and_fast(
    project: Path, verb: str, name: str, text: str, key_path: str | None, message: str
) -> None:
    path = write_stack(project, "bad", text)
    started = time.monotonic()
    with pytest.raises(UserInputError):
        StackFile.read(path)
    assert time.monotonic() - started < 0.5, "a hostile stack file must be answered in well under a second"
    out = project / "out"
    args = ["--out", str(out)] if verb == "plan" else []
    result = run(verb, "bad", "--project-dir", str(project), *args)
    where = f"{path}: {key_path}: " if key_path else f"{path}: "
    refused(result, where)
    assert message in result.stderr
    assert not out.exists()


def test_aliases_within_the_bound_are_kept(project: Path) -> None:
    # Pulumi's own reader keeps aliases; icekit refuses only cycles and runaway expansion.
    path = write_stack(project, "anchors", with_config("  other:a: &a [1, 2]\n  other:b: [*a, *a]\n"))
    assert StackFile.read(path).values["other:b"] == [[1, 2], [1, 2]]


OTHER_NAMESPACES = [
    ("date", "  alicloud:when: 2024-01-01\n", "alicloud:when", "2024-01-01"),
    ("timestamp", "  other:at: 2024-01-01T10:00:00Z\n", "other:at", "2024-01-01T10:00:00Z"),
    ("mixed keys", "  other:m: {1: a, b: c, true: d, null: e}\n", "other:m",
     '{"1":"a","b":"c","null":"e","true":"d"}'),
    ("date in a list", "  other:l: [2024-01-01, 3]\n", "other:l", '["2024-01-01",3]'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "extra", "key", "fed"), OTHER_NAMESPACES, ids=[c[0] for c in OTHER_NAMESPACES]
)
def test_other_namespaces_pass_through_as_pulumi_hands_them_over(
    project: Path, name: str, extra: str, key: str, fed: str
) -> None:
    path = write_stack(project, "other", with_config(extra))
    assert runtime_config(path).values[key] == fed


def test_other_namespaces_do_not_stop_a_plan(project: Path) -> None:
    write_stack(project, "other", with_config("  alicloud:when: 2024-01-01\n  other:m: {1: a, b: c}\n"))
    result = run("plan", "other", "--project-dir", str(project), "--out", str(project / "out"))
    assert result.returncode == 0, result.stderr


def test_duplicate_keys_still_refused_at_their_key_path(tmp_path: Path) -> None:
    path = tmp_path / "Pulumi.dup.yaml"
    path.write_text(with_config("  other:x: 1\n  other:x: 2\n"), encoding="utf-8")
    with pytest.raises(UserInputError) as caught:
        StackFile.read(path)
    assert (caught.value.file, caught.value.key_path) == (str(path), "other:x")
    assert "is given twice" in caught.value.message
