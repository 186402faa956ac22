"""`icekit check` on the command line: --policy files, formats, --out, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_icekit

GOOD = {
    "Version": "1",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["ice:CreateUploadMedia"],
            "Resource": "*",
            "Condition": {
                "Bool": {"acs:SecureTransport": "true"},
                "IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]},
            },
        }
    ],
}
BAD = {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "oss:*", "Resource": "*"}]}
TRUST = {
    "Version": "1",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Principal": {"RAM": ["acs:ram::6543210987654321:root"]},
        }
    ],
}


def _write(tmp_path: Path, name: str, document: object) -> str:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document, indent=2))
    return str(path)


def invoke(*args: str) -> tuple[int, str, str]:
    result = run_icekit("check", *args)
    return result.exit_code, result.stdout, result.stderr


def test_clean_policy_exits_0(tmp_path: Path) -> None:
    code, out, _ = invoke("--policy", _write(tmp_path, "good.json", GOOD))
    assert code == 0, out
    assert "0 mandatory" in out


def test_bad_policy_exits_1(tmp_path: Path) -> None:
    code, out, _ = invoke("--policy", _write(tmp_path, "bad.json", BAD), "--format", "json")
    assert code == 1
    rules = {f["ruleId"] for f in json.loads(out)["findings"]}
    assert {"RAM101", "RAM103", "RAM106"} <= rules


def test_trust_policy_uses_sts_rules(tmp_path: Path) -> None:
    path = _write(tmp_path, "trust.json", TRUST)
    code, _, _ = invoke("--policy", path, "--account-id", "6543210987654321")
    assert code == 0
    code, out, _ = invoke("--policy", path, "--account-id", "1234567890123456", "--format", "json")
    assert code == 1
    assert [f["ruleId"] for f in json.loads(out)["findings"]] == ["STS202"]


def test_console_export_is_unwrapped(tmp_path: Path) -> None:
    exported = {"DefaultPolicyVersion": {"PolicyDocument": json.dumps(BAD), "VersionId": "v1"}}
    code, out, _ = invoke("--policy", _write(tmp_path, "export.json", exported), "--format", "json")
    assert code == 1 and "RAM101" in out


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"Version": "1"}), "no `Statement`"),
        (json.dumps([1, 2]), "JSON object"),
        (json.dumps({"Statement": [{"Effect": "Maybe", "Action": "a", "Resource": "*"}]}), "Effect"),
    ],
)
def test_not_a_policy_exits_2(tmp_path: Path, content: str, why: str) -> None:
    path = _write(tmp_path, "x.json", content)
    code, _, err = invoke("--policy", path)
    assert code == 2
    assert err.startswith(f"error: {path}: ") and why in err


def test_bad_embedded_document_names_its_key(tmp_path: Path) -> None:
    path = _write(tmp_path, "export.json", {"DefaultPolicyVersion": {"PolicyDocument": "{not json"}})
    code, _, err = invoke("--policy", path)
    assert code == 2
    assert err == (
        f"error: {path}: DefaultPolicyVersion.PolicyDocument: not valid JSON: "
        "Expecting property name enclosed in double quotes (at character 2 of the string)\n"
    )


def test_text_report_prints_brackets_from_the_input_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: rich read them as markup; "[/]" raised MarkupError (a traceback) and "[bold]" vanished.
    document = {
        "Version": "1",
        "Statement": [{"Effect": "Allow", "Action": ["oss:[/]Get*", "oss:[bold]Put*"]}],
    }
    document["Statement"][0]["Resource"] = "*"
    monkeypatch.chdir(tmp_path)  # a short file name keeps each message on one line of the table
    _write(tmp_path, "[b]policy.json", document)
    code, out, err = invoke("--policy", "[b]policy.json")
    assert (code, err) == (1, "")
    assert "wildcard action 'oss:[/]Get*'" in out and "wildcard action 'oss:[bold]Put*'" in out
    assert "[b]policy.json:4" in out  # the statement's line in the indented file


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "exported.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(BAD).encode())
    code, out, err = invoke("--policy", str(path), "--format", "json")
    assert (code, err) == (1, "")
    assert "RAM101" in {f["ruleId"] for f in json.loads(out)["findings"]}


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = invoke("--policy", str(tmp_path / "nope.json"))
    assert code == 2 and "cannot read" in err


def test_arguments_after_policy_are_policy_files(tmp_path: Path) -> None:
    good, bad = _write(tmp_path, "good.json", GOOD), _write(tmp_path, "bad.json", BAD)
    code, out, _ = invoke("--policy", good, bad, "--format", "json")
    assert code == 1
    assert {Path(f["location"]["file"]).name for f in json.loads(out)["findings"]} == {"bad.json"}


def test_a_stack_name_after_policy_is_read_as_a_policy_file(tmp_path: Path) -> None:
    code, _, err = invoke("--policy", _write(tmp_path, "good.json", GOOD), "dev")
    assert code == 2 and "error: dev: cannot read" in err


def test_neither_stack_nor_policy(tmp_path: Path) -> None:
    code, _, err = invoke()
    assert code == 2 and "give a STACK" in err


def test_out_writes_sarif(tmp_path: Path) -> None:
    out_file = tmp_path / "report.sarif"
    code, out, _ = invoke(
        "--policy", _write(tmp_path, "bad.json", BAD), "--format", "sarif", "--out", str(out_file)
    )
    assert code == 1
    assert json.loads(out_file.read_text())["version"] == "2.1.0"
    assert out.startswith(f"wrote {out_file}")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_out_into_missing_directory_exits_2(tmp_path: Path) -> None:
    code, _, err = invoke(
        "--policy", _write(tmp_path, "bad.json", BAD), "--out", str(tmp_path / "no" / "r.json")
    )
    assert code == 2 and "does not exist" in err


ROOT = Path(__file__).resolve().parents[2]


def test_bundled_stack_through_the_cli(tmp_path: Path) -> None:
    out_file = tmp_path / "prod.sarif"
    code, out, _ = invoke("prod", "--project-dir", str(ROOT), "--format", "sarif", "--out", str(out_file))
    assert code == 0, out
    run = json.loads(out_file.read_text())["runs"][0]
    assert run["results"] == [] and run["artifacts"] == [{"location": {"uri": "stacks/Pulumi.prod.yaml"}}]


def test_unknown_stack_exits_2() -> None:
    code, _, err = invoke("no-such-stack", "--project-dir", str(ROOT))
    assert code == 2 and err.startswith("error: ")
