"""`icekit access` on the bundled stacks: in-process (CliRunner) for every option, one real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from icekit.cli import cli

ROOT = Path(__file__).resolve().parents[2]
ICEKIT = Path(sys.executable).parent / "icekit"


def _run(*args: str) -> Result:
    result = CliRunner().invoke(cli, ["access", *args, "--project-dir", str(ROOT)])
    assert "Traceback" not in result.output, result.output
    return result


def _json(*args: str) -> dict[str, Any]:
    result = _run(*args, "--format", "json")
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_the_table_names_every_role_its_principals_actions_networks_and_https() -> None:
    result = _run("prod")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "icekit access: prod (cn-shenzhen, account 3456789012345678)" in text
    assert "mobile-video: role icekit-prod-mobile-video (icekit:apps[0])" in text
    assert "assumable by acs:ram::3456789012345678:role/mobile-backend, from any address" in text
    for expected in ("ice:CreateUploadMedia", "ice:RefreshUploadMedia", "47.106.10.0/24", "47.106.11.0/24"):
        assert expected in text
    assert "3 role(s);" in text and "requests decided by the RAM evaluator" in text
    assert text == _run("prod").stdout  # deterministic


def test_json_lists_each_grant_with_its_resources_and_conditions() -> None:
    document = _json("prod")
    assert (document["icekitAccess"], document["kind"], document["stack"]) == ("1", "table", "prod")
    roles = {role["app"]: role for role in document["roles"]}
    assert list(roles) == ["mobile-video", "cms-assets", "batch-import"]
    [upload] = roles["mobile-video"]["grants"]
    assert upload == {
        "actions": ["ice:CreateUploadMedia", "ice:GetMediaInfo", "ice:RefreshUploadMedia"],
        "resources": ["*"],
        "from": ["47.106.10.0/24", "47.106.11.0/24"],
        "https": "required",
        "conditions": [],
        "grantedBy": "icekit-prod-mobile-video-upload Statement[0]",
    }
    batch = {grant["actions"][0]: grant for grant in roles["batch-import"]["grants"]}
    assert batch["oss:PutObject"]["resources"] == ["acs:oss:*:*:acme-prod-ice-import/incoming/*"]
    assert batch["oss:PutObject"]["from"] == ["10.40.0.0/16"]
    assert "ice:CreateUploadMedia" not in batch  # an own-bucket app registers, it does not upload via ICE
    [trusted] = roles["batch-import"]["assumableBy"]
    assert trusted["principal"] == "acs:ram::3456789012345678:role/batch-runner" and trusted["from"] is None


def test_app_filter_markdown_and_out_file(tmp_path: Path) -> None:
    document = _json("dev", "--app", "cms-assets")
    assert [role["app"] for role in document["roles"]] == ["cms-assets"]
    out = tmp_path / "access.md"
    result = _run("dev", "--app", "cms-assets", "--format", "markdown", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## icekit access: `dev` (cn-shanghai, account 1234567890123456)")
    assert "### `cms-assets`: role `icekit-dev-cms-assets` (icekit:apps[1])" in text
    assert "| `ice:CreateUploadMedia`<br>`ice:GetMediaInfo` | `*` | any address | required |" in text


@pytest.mark.parametrize(
    ("args", "code", "first_line"),
    [
        (
            ["--app", "mobile-video", "--can", "ice:CreateUploadMedia"],
            0,
            "allowed: ice:CreateUploadMedia for mobile-video (role icekit-prod-mobile-video)",
        ),
        (
            ["--app", "mobile-video", "--can", "ice:DeleteMediaInfos"],
            1,
            "denied: ice:DeleteMediaInfos for mobile-video (role icekit-prod-mobile-video)",
        ),
        (
            ["--app", "mobile-video", "--can", "ice:CreateUploadMedia", "--source-ip", "203.0.113.9"],
            1,
            "denied: ice:CreateUploadMedia (from 203.0.113.9) for mobile-video "
            "(role icekit-prod-mobile-video)",
        ),
        (
            [
                "--app",
                "batch-import",
                "--can",
                "oss:PutObject",
                "--source-ip",
                "10.40.1.2",
                "--secure-transport",
            ],
            0,
            "allowed: oss:PutObject (from 10.40.1.2, over HTTPS) for batch-import "
            "(role icekit-prod-batch-import)",
        ),
        (
            ["--app", "batch-import", "--can", "oss:PutObject", "--no-secure-transport"],
            1,
            "denied: oss:PutObject (over plain HTTP) for batch-import (role icekit-prod-batch-import)",
        ),
    ],
)
def test_can_exits_0_when_allowed_and_1_when_denied(args: list[str], code: int, first_line: str) -> None:
    result = _run("prod", *args)
    assert result.exit_code == code, result.output
    assert result.stdout.splitlines()[0] == first_line


def test_can_names_the_deciding_statement_and_why_it_denies() -> None:
    allowed = _json("prod", "--app", "mobile-video", "--can", "ice:GetMediaInfo")
    assert allowed["allowed"] is True and allowed["decision"] == "allow"
    assert allowed["statement"] == "icekit-prod-mobile-video-upload Statement[0]"
    assert allowed["where"] == [
        {"conditions": [], "from": ["47.106.10.0/24", "47.106.11.0/24"], "https": "required"}
    ]
    denied = _json("prod", "--app", "mobile-video", "--can", "ice:GetMediaInfo", "--no-secure-transport")
    assert (denied["allowed"], denied["decision"], denied["statement"]) == (False, "implicit-deny", None)
    assert denied["reasons"] == [
        "icekit-prod-mobile-video-upload Statement[0] allows it only when Bool acs:SecureTransport = true"
    ]
    outside = _json(
        "prod", "--app", "batch-import", "--can", "oss:PutObject", "--resource", "acs:oss:*:*:other-bucket/x"
    )
    assert outside["reasons"] == [
        "icekit-prod-batch-import-bucket Statement[0] allows it only on "
        "acs:oss:*:*:acme-prod-ice-import/incoming/*"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["prod", "--app", "nope"], "error: --app: no app 'nope' in stack 'prod' (apps: "),
        (["prod", "--can", "ice:GetMediaInfo"], "error: --app: stack 'prod' has 3 apps ("),
        (
            ["prod", "--app", "nope", "--can", "ice:GetMediaInfo"],
            "error: --app: no app 'nope' in stack 'prod'",
        ),
        (
            ["prod", "--can", "ice:GetMediaInfo", "--source-ip", "10.0.0.300"],
            "error: --source-ip: '10.0.0.300' is not",
        ),
        (
            ["prod", "--can", "ice:DeleteMedia"],
            "error: --can: 'ice:DeleteMedia' is not an ICE action (did you mean",
        ),
        (["prod", "--can", "ice:Get*"], "error: --can: 'ice:Get*' is not one action"),
        (
            ["prod", "--source-ip", "10.0.0.1"],
            "error: --resource, --source-ip and --secure-transport go with --can",
        ),
        (["qa"], "error: "),
    ],
)
def test_user_errors_exit_2_without_a_traceback(args: list[str], message: str) -> None:
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(message), result.stderr
    assert result.stdout == ""


def test_the_installed_command_as_a_script_uses_it() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(ICEKIT), "access", "prod", "--app", "mobile-video", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    allowed = run("--can", "ice:RefreshUploadMedia", "--source-ip", "47.106.11.20", "--secure-transport")
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.startswith("allowed: ice:RefreshUploadMedia (from 47.106.11.20, over HTTPS)")
    denied = run("--can", "ice:DeleteMediaInfos", "--format", "json")
    assert denied.returncode == 1, denied.stderr
    assert json.loads(denied.stdout)["decision"] == "implicit-deny"
