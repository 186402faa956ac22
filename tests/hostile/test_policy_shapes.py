"""check --policy judges each statement by what it is (icekit.ram.parse_attached_document): the bypasses of
issue 11 are refused with exit 2, naming the file and the statement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.conftest import refused, run

ROOT = {"RAM": ["acs:ram::123456789012:root"]}
TRUST = {"Effect": "Allow", "Principal": ROOT, "Action": "sts:AssumeRole"}
WILDCARD = {"Effect": "Allow", "Action": "*", "Resource": "*"}

CASES = [
    ("trust mixed with Allow * on *", [TRUST, WILDCARD],
     "Statement[0] has a `Principal` (a trust policy) and Statement[1] has none"),
    ("Principal as a list", [{**TRUST, "Principal": [{"RAM": "*"}]}], "Statement[0].Principal must be"),
    ("empty Principal", [{**TRUST, "Principal": ""}], "Statement[0].Principal must be"),
    ("empty Principal object", [{**TRUST, "Principal": {}}], "Statement[0].Principal must be"),
    ("empty principal name", [{**TRUST, "Principal": {"RAM": [" "]}}], "names an empty principal"),
    ("bare-string Principal", [{**TRUST, "Principal": "acs:ram::123456789012:root"}], "Principal must be"),
    ("trust statement granting ice:*", [{**TRUST, "Action": "ice:*"}], "its `Action` is sts:AssumeRole only"),
    ("trust statement with a Resource", [{**TRUST, "Resource": "*"}], "names no `Resource`"),
    ("Allow without Resource", [{"Effect": "Allow", "Action": "ice:*"}], "needs `Resource` or `NotResource`"),
    ("empty Action list", [{"Effect": "Allow", "Action": [], "Resource": "*"}], "Action must not be empty"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "statements", "message"), CASES, ids=[c[0] for c in CASES])
def test_malformed_policies_are_refused(
    tmp_path: Path, name: str, statements: list[object], message: str
) -> None:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"Version": "1", "Statement": statements}), encoding="utf-8")
    result = run("check", "--policy", str(path))
    refused(result, f"{path}: not a RAM policy document: ")
    assert message in result.stderr


def test_nan_given_as_a_value_is_refused_too() -> None:
    from icekit.ram import PolicyDocumentError, parse_attached_document

    statement = {**WILDCARD, "Condition": {"NumericLessThan": {"a:b": float("nan")}}}
    with pytest.raises(PolicyDocumentError, match="finite numbers"):
        parse_attached_document({"Version": "1", "Statement": [statement]})


def test_well_formed_policies_still_pass_or_find(tmp_path: Path) -> None:
    trust, wildcard = tmp_path / "trust.json", tmp_path / "wildcard.json"
    trust.write_text(json.dumps({"Version": "1", "Statement": [TRUST]}), encoding="utf-8")
    wildcard.write_text(json.dumps({"Version": "1", "Statement": [WILDCARD]}), encoding="utf-8")
    assert run("check", "--policy", str(trust)).returncode in (0, 1)
    assert run("check", "--policy", str(wildcard)).returncode == 1  # findings, not a refusal
