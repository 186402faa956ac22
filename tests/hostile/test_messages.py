"""Messages name the user's file: a value the .env cannot carry is named in the stack file, and a base
revision's hostile stack file is named in review (no traceback, fast)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from icekit.cli import cli
from tests.hostile.conftest import DEV, DEV_URL, refused, run, with_config, write_stack
from tests.review.gitrepo import git, init_repo, worktrees

DOTENV_CASES = [
    ("tag", DEV.replace("tags: [mobile]", 'tags: ["a${HOME}"]', 1), "icekit:apps[0].mediaDefaults.tags"),
    (
        "tag backslash",
        DEV.replace("tags: [mobile]", 'tags: ["a\\\\"]', 1),
        "icekit:apps[0].mediaDefaults.tags",
    ),
    ("callback url", DEV.replace(DEV_URL, f"{DEV_URL}/${{X}}", 1), "icekit:callbacks.hooks.url"),
]


@pytest.mark.parametrize(("name", "text", "key_path"), DOTENV_CASES, ids=[c[0] for c in DOTENV_CASES])
def test_dotenv_errors_name_the_stack_file(project: Path, name: str, text: str, key_path: str) -> None:
    write_stack(project, "bad", text)
    out = project / "out"
    result = run("plan", "bad", "--project-dir", str(project), "--out", str(out))
    refused(result, f"stacks/Pulumi.bad.yaml: {key_path}: cannot be written to .env")
    assert not out.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("  other:x: &a [*a]\n", "inside its own anchor"),
        ("  other:x: " + "[" * 3000 + "\n", "deeper than 64"),
    ],
    ids=["alias cycle", "deep"],
)
def test_review_names_the_base_revisions_file(tmp_path: Path, extra: str, message: str) -> None:
    repo = tmp_path / "repo"
    init_repo(repo, lambda root: (root / "stacks" / "Pulumi.dev.yaml").write_text(with_config(extra)))
    (repo / "stacks" / "Pulumi.dev.yaml").write_text(DEV, encoding="utf-8")  # head (the working tree) is fine
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["review", "--repo", str(repo), "--base", "HEAD", "--stack", "dev"])
    assert time.monotonic() - started < 60
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    assert "stacks/Pulumi.dev.yaml" in result.stderr and message in result.stderr, result.stderr
    assert worktrees(repo) == [f"worktree {repo}"]
    assert git(repo, "status", "--porcelain").strip() == "M stacks/Pulumi.dev.yaml"


_PRINCIPAL = '"acs:ram::1234567890123456:role/mobile-backend"'
_MANY = ", ".join(f'"acs:ram::1234567890123456:role/r{i:03d}-backend-service-long-name"' for i in range(120))


@pytest.mark.parametrize("inside", [True, False], ids=["in stacks/", "elsewhere"])
def test_policy_too_large_names_the_file_that_was_read(project: Path, tmp_path: Path, inside: bool) -> None:
    folder = project / "stacks" if inside else tmp_path / "elsewhere"
    folder.mkdir(exist_ok=True)
    path = folder / "Pulumi.big.yaml"
    path.write_text(DEV.replace(f"[{_PRINCIPAL}]", f"[{_MANY}]", 1), encoding="utf-8")
    result = run("plan", str(path), "--project-dir", str(project), "--out", str(project / "out"))
    assert result.returncode == 2 and "policy document is" in result.stderr, result.stderr
    named = result.stderr.removeprefix("error: ").split(": ", 1)[0]
    assert (project / named).resolve() == path.resolve()  # the file read, relative to the project directory
    assert not (project / "out").exists()
