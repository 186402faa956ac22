"""Realistic mistakes in a copy of the prod stack, through `icekit plan --project-dir`: exit 2, one
`error: <file>: <key path>: <message>` line first, nothing written, no secret echoed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.cli import run_icekit

ROOT = Path(__file__).parents[2]
CLEAR_KEY = "MyPassw0rd"

CASES = [
    ("    import-bucket:\n", "    vod-main:\n", "icekit:storage.vod-main", "is given twice"),
    (
        "        secure: v1:Zk3Jm0pQw8Rt2Yv6:Hn4bX7cV1zL9kM3qS6dF0gJ2wE5rT8yU1iO4pA7sD0fG3hJ6kL==\n",
        f"        secure: {CLEAR_KEY}\n",
        "icekit:callbacks.hooks.authKey",
        "not Pulumi ciphertext",
    ),
    (
        "        image: {extensions: [jpg, jpeg, png, webp], maxSizeBytes: 20971520}\n"
        "        text: {extensions: [srt, vtt], maxSizeBytes: 1048576}\n",
        "        - image: {extensions: [jpg, jpeg, png, webp], maxSizeBytes: 20971520}\n"
        "        - text: {extensions: [srt, vtt], maxSizeBytes: 1048576}\n",
        "icekit:apps[1].fileTypes",
        "must be a mapping",
    ),
    ("      kind: http\n", "      kind: https\n", "icekit:callbacks.hooks.kind", "'https' is not allowed"),
    (
        "      callback: hooks\n",
        "      callback: hookz\n",
        "icekit:apps[0].callback",
        "unknown callback 'hookz'",
    ),
]


@pytest.mark.parametrize(("old", "new", "key_path", "fragment"), CASES, ids=[c[2] for c in CASES])
def test_plan_names_the_file_and_key_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, key_path: str, fragment: str
) -> None:
    project = tmp_path / "project"
    (project / "stacks").mkdir(parents=True)
    shutil.copy(ROOT / "Pulumi.yaml", project / "Pulumi.yaml")
    text = (ROOT / "stacks" / "Pulumi.prod.yaml").read_text(encoding="utf-8")
    assert old in text
    (project / "stacks" / "Pulumi.prod.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_icekit("plan", "prod", "--project-dir", str(project), "--out", "out")
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: {project / 'stacks' / 'Pulumi.prod.yaml'}: {key_path}: "), first
    assert fragment in first
    assert CLEAR_KEY not in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
