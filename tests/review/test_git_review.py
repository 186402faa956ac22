"""End to end: a real git repository, real stacks and components, plans in worker processes.

These run `icekit review` a handful of times (each plans both sides in two worker processes); the diff logic
itself is covered by the fast tests on synthetic plans."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from icekit.report.json import render_json
from icekit.report.markdown import COMMENT_MARKER, render_markdown
from icekit.report.sarif import render_sarif
from icekit.review.report import review_report
from icekit.review.run import run_review
from tests.review.gitrepo import app, commit_branch, edit_source, edit_stack, git, init_repo, worktrees
from tests.support.cli import CliRun, run_icekit, run_icekit_process
from tests.support.warm_python import warm_python

# The project lives in a subdirectory of the repository, as it may in a monorepo.
SUBDIR = "infra"
OTHER_ROLE = "acs:ram::1234567890123456:role/other-backend"


def _pin_base(repo: Path) -> None:
    """Pins the facts the tests build on, whatever the project's own stacks say today."""

    def dev(config: dict[str, Any]) -> None:
        config["icekit:guardrails"] = {"requiredConditions": ["acs:SecureTransport"]}
        app(config, "batch-import")["conditions"] = {"sourceIp": ["10.20.0.0/16"], "secureTransport": True}
        app(config, "cms-assets")["actions"] = ["GetMediaInfo"]
        mobile = app(config, "mobile-video")
        mobile["actions"] = ["GetMediaInfo", "RefreshUploadMedia"]
        mobile["conditions"] = {}  # RAM106 (SecureTransport required) fires here at base
        hooks = config["icekit:callbacks"]["hooks"]
        hooks["url"] = hooks["url"].replace("http://", "https://")
        hooks.pop("allowInsecureHttp", None)

    def staging(config: dict[str, Any]) -> None:
        config["icekit:guardrails"] = {"requiredConditions": ["acs:SecureTransport"]}
        app(config, "mobile-video")["conditions"] = {"secureTransport": True}

    edit_stack(repo, "dev", dev)
    edit_stack(repo, "staging", staging)
    _add_deny(repo, "oss:DeleteObject")


REGISTER_STATEMENT = (
    r"(\n(\s*)Statement\(actions=\[\"ice:RegisterMediaInfo\"\], resources=\[\"\*\"\], "
    r"conditions=conditions\),)"
)


def _add_deny(repo: Path, action: str) -> None:
    """A Deny statement in the own-bucket policy, after the RegisterMediaInfo statement."""
    deny = f'Statement(effect="Deny", actions=["{action}"], resources=["*"]),'
    edit_source(repo, "components/access_policies.py", REGISTER_STATEMENT, r"\1\n\2" + deny)


def _broaden(repo: Path) -> None:
    def dev(config: dict[str, Any]) -> None:
        app(config, "batch-import")["conditions"]["sourceIp"] = ["10.0.0.0/8"]  # SourceIp widened
        app(config, "cms-assets")["actions"].append("RefreshUploadMedia")  # action added
        mobile = app(config, "mobile-video")
        mobile["trustedPrincipals"].append(OTHER_ROLE)  # trust admits a new principal
        hooks = config["icekit:callbacks"]["hooks"]
        hooks["url"] = hooks["url"].replace("https://", "http://")  # callback less protected
        hooks["allowInsecureHttp"] = True
        reports = {**app(config, "cms-assets"), "name": "reports"}  # a new role + attachments
        reports.pop("description", None)
        config["icekit:apps"].append(reports)

    def staging(config: dict[str, Any]) -> None:
        del app(config, "mobile-video")["conditions"]["secureTransport"]  # condition removed

    edit_stack(repo, "dev", dev)
    edit_stack(repo, "staging", staging)
    # The program itself changes too: only planning the base with the base's own components shows these.
    edit_source(repo, "components/storage.py", r'acl="private"', 'acl="public-read"')
    edit_source(
        repo,
        "components/storage.py",
        r"server_side_encryption_rule=alicloud\.oss\.BucketServerSideEncryptionRuleArgs\(\s*sse_algorithm=\"AES256\"\s*\),",
        "",
    )
    edit_source(
        repo,
        "components/access_policies.py",
        r"return objects_pattern\(bucket\.name, bucket\.prefix\)",
        'return "acs:oss:*:*:*"',
    )
    edit_source(  # the Deny the base added goes away
        repo,
        "components/access_policies.py",
        r'\n\s*Statement\(effect="Deny", actions=\["oss:DeleteObject"\][^\n]*',
        "",
    )


def _narrow(repo: Path) -> None:
    def dev(config: dict[str, Any]) -> None:
        app(config, "batch-import")["conditions"]["sourceIp"] = ["10.20.1.0/24"]
        mobile = app(config, "mobile-video")
        mobile["actions"] = ["GetMediaInfo"]
        mobile["conditions"] = {"secureTransport": True}

    edit_stack(repo, "dev", dev)
    _add_deny(repo, "oss:PutObjectAcl")


def _client_only(repo: Path) -> None:
    def dev(config: dict[str, Any]) -> None:
        mobile = app(config, "mobile-video")
        mobile["mediaDefaults"]["tags"] = ["mobile", "phone"]
        mobile["fileTypes"]["video"]["maxSizeBytes"] = 1073741824

    edit_stack(repo, "dev", dev)


def _stacks(repo: Path) -> None:
    # qa in an account of its own: a copy in staging's account would also set its region's event callback,
    # a finding of both (SET601) that this test is not about
    staging = (repo / "stacks" / "Pulumi.staging.yaml").read_text(encoding="utf-8")
    assert "2345678901234567" in staging
    qa = staging.replace("2345678901234567", "4567890123456789")
    (repo / "stacks" / "Pulumi.qa.yaml").write_text(qa, encoding="utf-8")
    (repo / "stacks" / "Pulumi.prod.yaml").unlink()


@pytest.fixture(scope="module")
def warm_interpreter() -> Iterator[Path]:
    with warm_python() as stand_in:
        yield stand_in


@pytest.fixture(autouse=True)
def _workers_start_warm(warm_interpreter: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each side is still planned in its own worker process, importing its own checkout's components, but
    forked from a warm interpreter (tests/support/warm_python.py) instead of a cold start. The review run
    as the console script (its smoke test) starts its worker cold, as a user's does."""
    monkeypatch.setattr(sys, "executable", str(warm_interpreter))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review-repo")
    init_repo(root, _pin_base, subdir=SUBDIR)
    for branch, edit in [
        ("broaden", _broaden),
        ("narrow", _narrow),
        ("client-only", _client_only),
        ("stacks", _stacks),
    ]:
        commit_branch(root, branch, edit, subdir=SUBDIR)
    return root


def _review(repo: Path, *args: str, in_process: bool = True) -> CliRun:
    run = run_icekit if in_process else run_icekit_process
    result = run("review", "--repo", str(repo / SUBDIR), *args)
    assert worktrees(repo) == [f"worktree {repo}"], "a temporary worktree was left behind"
    return result


def _json(result: CliRun) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _stack(document: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in document["stacks"] if s["stack"] == name)


def test_broadening_in_every_way_a_stack_or_its_program_can(repo: Path) -> None:
    # Library call: one plan of both sides, rendered in all three formats.
    review = run_review(repo / SUBDIR, "base", "broaden", ["dev", "staging"])
    assert worktrees(repo) == [f"worktree {repo}"]
    document = json.loads(render_json(review_report(review)))
    assert document["verdict"] == "broadening" and document["failed"] is True
    dev = _stack(document, "dev")
    reasons = "\n".join(dev["broadeningReasons"])
    expected = [
        "policy icekit-dev-batch-import-upload: condition IpAddress acs:SourceIp widened",
        "policy icekit-dev-cms-assets-upload: action ice:RefreshUploadMedia added",
        f"trust policy of role icekit-dev-mobile-video: principal RAM:{OTHER_ROLE} admitted",
        "policy icekit-dev-batch-import-bucket: resource widened to acs:oss:*:*:*",
        "bucket import-bucket: acl public-read (was private)",
        "bucket import-bucket: server-side encryption off",
        "callback hooks: url uses plain http",
        "callback hooks: allowInsecureHttp on",
        "policy attachment icekit-dev-reports-upload (Custom) -> role icekit-dev-reports: attachment added",
        "trust policy of role icekit-dev-reports: trust policy admits "
        "RAM:acs:ram::1234567890123456:role/cms-web",
    ]
    for reason in expected:
        assert reason in reasons
    # Issue 12: the base's Deny of oss:DeleteObject refused nothing the role is allowed (it may only
    # PutObject), so removing it changes no access: a neutral row (it counted as broadening before).
    [removed_deny] = [s for s in dev["statements"] if s["effect"] == "Deny"]
    assert removed_deny["change"] == "-" and removed_deny["classification"] == "neutral"
    assert removed_deny["reasons"] == ["Deny statement removed", "no access changed (evaluated)"]
    # The same change, said as access, role by role.
    access = {role["role"]: role for role in dev["access"]}
    assert access["icekit-dev-reports"]["classification"] == "broadening"
    mobile = [c["text"] for c in access["icekit-dev-mobile-video"]["changes"]]
    assert mobile == [f"newly assumable by `{OTHER_ROLE}`"]
    batch = [c["text"] for c in access["icekit-dev-batch-import"]["changes"]]
    widened = "`oss:PutObject` now allowed on `acs:oss:*:*:*` from 10.0.0.0/8, only over HTTPS (was on "
    assert widened in batch[1]
    assert [a["app"] for a in dev["clientConfigs"]] == ["cms-assets", "mobile-video", "reports"]
    staging = _stack(document, "staging")
    assert staging["broadeningReasons"] == [
        "policy icekit-staging-mobile-video-upload: condition Bool acs:SecureTransport removed"
    ]
    assert [f["ruleId"] for f in staging["findings"]["new"]] == ["RAM106"]

    markdown = render_markdown(review_report(review)).splitlines()
    assert markdown[:2] == [COMMENT_MARKER, "## icekit review: access broadened"]
    assert "| `staging` | changed | **broadening** | +1 -1 | — | 1 new, 0 fixed |" in markdown
    assert "- bucket import-bucket: acl public-read (was private)" in markdown

    sarif = json.loads(render_sarif(review_report(review)))
    results = sarif["runs"][0]["results"]
    assert len(results) == sum(len(s["findings"]["new"]) for s in document["stacks"])  # new ones only
    assert {"OSS301", "OSS302"} <= {r["ruleId"] for r in results}  # the public, unencrypted bucket
    [staging_result] = [
        r for r in results if "staging" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    ]
    assert staging_result["ruleId"] == "RAM106"
    location = staging_result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "infra/stacks/Pulumi.staging.yaml"  # repository-relative
    assert location["region"]["startLine"] > 1


def test_narrowing(repo: Path) -> None:
    result = _review(repo, "--base", "base", "--head", "narrow", "--format", "json", "--stack", "dev")
    assert result.exit_code == 0, result.stderr
    dev = _stack(_json(result), "dev")
    assert dev["verdict"] == "narrowing"
    signs = {(s["change"], s["effect"], s["classification"]) for s in dev["statements"]}
    # Issue 12: the added Deny of oss:PutObjectAcl refuses nothing the role is allowed: neutral (it counted
    # as narrowing before); the narrowing is the evaluated access below.
    assert ("+", "Deny", "neutral") in signs
    access = {role["role"]: role["classification"] for role in dev["access"]}
    assert access == {"icekit-dev-batch-import": "narrowing", "icekit-dev-mobile-video": "narrowing"}
    assert [f["resourceName"] for f in dev["findings"]["fixed"]] == ["icekit-dev-mobile-video-upload"]


def test_the_console_script_reviews_a_removed_stack(repo: Path) -> None:
    """The smoke test of `icekit review`: the console script in a fresh process, whose plan worker starts
    cold, as a user's does (only the base has the stack: one worker)."""
    args = ["--base", "base", "--head", "stacks", "--stack", "prod", "--format", "json"]
    result = _review(repo, *args, in_process=False)
    assert (result.exit_code, result.stderr) == (0, "")
    document = _json(result)
    assert document["head"]["ref"] == "stacks"
    [prod] = document["stacks"]
    assert (prod["stack"], prod["status"], prod["verdict"]) == ("prod", "removed", "narrowing")


def test_client_configuration_only(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.md"
    result = _review(repo, "--base", "base", "--head", "client-only", "--stack", "dev", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == [COMMENT_MARKER, "## icekit review: no access broadened (neutral changes only)"]
    assert "**mobile-video** (changed)" in lines
    assert "| `fileRules[video].maxSizeBytes` | `2147483648` | `1073741824` |" in lines
    assert '| `mediaDefaults.tags` | `["mobile"]` | `["mobile", "phone"]` |' in lines
    assert "No RAM statement changes." in lines
    assert result.stdout == ""


def test_stacks_added_and_removed_with_the_working_tree_as_head(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--branch", "stacks", str(repo), str(clone))
    git(clone, "fetch", "-q", "origin", "main")
    result = _review(clone, "--base", "origin/main", "--format", "json")
    assert result.exit_code == 1, result.stderr  # the new stack grants access
    document = _json(result)
    assert document["head"] == {"commit": None, "ref": "working tree"}
    statuses = {s["stack"]: (s["status"], s["verdict"]) for s in document["stacks"]}
    assert statuses == {
        "dev": ("unchanged", "unchanged"),
        "prod": ("removed", "narrowing"),
        "qa": ("added", "broadening"),
        "staging": ("unchanged", "unchanged"),
    }


def test_bad_base_revision_exits_2(repo: Path) -> None:
    result = _review(repo, "--base", "no-such-branch")
    assert result.exit_code == 2
    assert "revision 'no-such-branch' does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_failing_plan_exits_2_and_leaves_no_worktree(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    stack_file = clone / SUBDIR / "stacks" / "Pulumi.dev.yaml"
    stack_file.write_text(
        stack_file.read_text(encoding="utf-8").replace("icekit:apps:", "icekit:appz:"), encoding="utf-8"
    )
    result = _review(clone, "--base", "base", "--stack", "dev")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error: a stack failed to plan at head working tree: stack 'dev': {SUBDIR}/stacks/Pulumi.dev.yaml: "
        "icekit:appz: unknown icekit setting (known: "
    ), result.stderr
    assert "Traceback" not in result.stderr


def test_failing_base_names_the_file_in_the_repository_not_the_worktree(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    stack_file = clone / SUBDIR / "stacks" / "Pulumi.staging.yaml"
    good = stack_file.read_text(encoding="utf-8")
    stack_file.write_text(good.replace("storage: vod-main", "storag: vod-main"), encoding="utf-8")
    git(clone, "commit", "-q", "-am", "broken staging")
    stack_file.write_text(good, encoding="utf-8")  # the working tree (head) is fine again
    result = _review(clone, "--base", "HEAD", "--stack", "staging")
    assert result.exit_code == 2
    # Before: only the last line of the worker's output ("  icekit:apps[1].storag: unknown key").
    assert result.stderr == (
        f"error: a stack failed to plan at base HEAD: stack 'staging': {SUBDIR}/stacks/Pulumi.staging.yaml: "
        "icekit:apps[0].storage: required key is missing\n3 more problem(s):\n"
        "  icekit:apps[0].storag: unknown key\n"
        "  icekit:apps[1].storage: required key is missing\n"
        "  icekit:apps[1].storag: unknown key\n"
    )


def test_a_directory_without_a_project_exits_2(repo: Path) -> None:
    # A wrong --repo used to review zero stacks and pass (exit 0), in CI too.
    result = run_icekit("review", "--repo", str(repo / SUBDIR / "stacks"), "--base", "base")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {repo / SUBDIR / 'stacks' / 'Pulumi.yaml'}: no Pulumi project here at base or head "
        "(no Pulumi.yaml; use --repo)\n"
    )
    assert worktrees(repo) == [f"worktree {repo}"]


def test_unknown_stack_exits_2(repo: Path) -> None:
    result = _review(repo, "--base", "base", "--stack", "nope")
    assert result.exit_code == 2
    assert "no stack 'nope' at base or head" in result.stderr


def test_worktree_is_removed_when_interrupted(repo: Path) -> None:
    from icekit.review.worktree import resolve_commit, temporary_worktree

    commit = resolve_commit(repo, "base")
    with pytest.raises(KeyboardInterrupt), temporary_worktree(repo, commit) as tree:
        assert (tree / SUBDIR / "Pulumi.yaml").is_file()
        assert len(worktrees(repo)) == 2
        raise KeyboardInterrupt
    assert worktrees(repo) == [f"worktree {repo}"]
    assert not tree.exists()


def test_unreadable_project_file_exits_2_instead_of_removing_every_stack(repo: Path, tmp_path: Path) -> None:
    # Before: a Pulumi.yaml that could not be read counted as "no stacks", so every stack was "removed",
    # the verdict "narrowing", and the review passed.
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    project_file = clone / SUBDIR / "Pulumi.yaml"
    good = project_file.read_bytes()
    project_file.write_bytes(good + b"stackConfigDir: [stacks]\n")
    git(clone, "commit", "-q", "-am", "stackConfigDir is a list")
    project_file.write_bytes(good + b"# caf\xe9\n")  # and the working tree's is not UTF-8
    lines = good.count(b"\n") + 1
    result = _review(clone, "--base", "HEAD~1", "--head", "HEAD")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {SUBDIR}/Pulumi.yaml: stackConfigDir: at head HEAD: not a string\n",
    )
    result = _review(clone, "--base", "HEAD~1")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {SUBDIR}/Pulumi.yaml: at head working tree: "
        f"not UTF-8 text: byte 0xe9 at line {lines}, column 6\n",
    )
