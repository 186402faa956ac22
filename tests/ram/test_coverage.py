from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icekit.ram.coverage import action_covered, cidr_covered, glob_covers, principal_covered


@pytest.mark.parametrize(
    ("general", "specific", "covered"),
    [
        ("*", "acs:oss:*:*:bucket/x", True),
        ("acs:oss:*:*:bucket/*", "acs:oss:*:*:bucket/incoming/*", True),
        ("acs:oss:*:*:bucket/incoming/*", "acs:oss:*:*:bucket/*", False),
        ("acs:oss:*:*:bucket/incoming/a.mp4", "acs:oss:*:*:bucket/incoming/*", False),
        ("acs:oss:*:*:bucket/incoming/*", "acs:oss:*:*:bucket/incoming/a.mp4", True),
        ("ab?", "ab*", False),  # `?` is one character, `*` any number
        ("ab*", "ab?", True),
        ("a?c", "abc", True),
        ("abc", "abc", True),
        ("abc", "abd", False),
        ("", "", True),
        ("*", "", True),
        ("", "*", False),
    ],
)
def test_glob_containment(general: str, specific: str, covered: bool) -> None:
    assert glob_covers(general, specific) is covered


_alphabet = st.text(alphabet="ab*?", max_size=6)


@given(general=_alphabet, specific=st.text(alphabet="ab", max_size=6))
def test_glob_containment_agrees_with_fnmatch_on_literals(general: str, specific: str) -> None:
    import fnmatch

    assert glob_covers(general, specific) == fnmatch.fnmatchcase(specific, general)


@given(general=_alphabet, specific=_alphabet, probe=st.text(alphabet="ab", max_size=7))
def test_glob_containment_is_sound(general: str, specific: str, probe: str) -> None:
    import fnmatch

    # If `specific` is claimed covered, every string it matches must be matched by `general`.
    if glob_covers(general, specific) and fnmatch.fnmatchcase(probe, specific):
        assert fnmatch.fnmatchcase(probe, general)


def test_actions_compare_case_insensitively_and_with_wildcards() -> None:
    assert action_covered("ICE:createUploadMedia", ["ice:CreateUploadMedia"])
    assert action_covered("ice:GetMediaInfo", ["ice:Get*"])
    assert not action_covered("ice:DeleteMediaInfos", ["ice:Get*"])
    assert not action_covered("ice:*", ["ice:Get*"])


@pytest.mark.parametrize(
    ("block", "by", "covered"),
    [
        ("10.1.0.0/16", ["10.0.0.0/8"], True),
        ("10.0.0.0/8", ["10.1.0.0/16"], False),
        ("10.0.0.1", ["10.0.0.0/24"], True),
        ("0.0.0.0/0", ["10.0.0.0/8"], False),
        ("192.168.1.0/24", ["10.0.0.0/8", "192.168.0.0/16"], True),
        ("not-an-ip", ["not-an-ip"], True),
        ("not-an-ip", ["10.0.0.0/8"], False),
        ("::1", ["10.0.0.0/8"], False),
    ],
)
def test_cidr_containment(block: str, by: list[str], covered: bool) -> None:
    assert cidr_covered(block, by) is covered


def test_principal_containment() -> None:
    role = ("RAM", "acs:ram::123:role/backend")
    assert principal_covered(role, [("RAM", "acs:ram::123:root")])
    assert principal_covered(role, [("RAM", "123")])
    assert not principal_covered(role, [("RAM", "acs:ram::999:root")])
    assert not principal_covered(("RAM", "acs:ram::123:root"), [role])
    assert not principal_covered(("Service", "ice.aliyuncs.com"), [role])
    assert principal_covered(("Service", "ice.aliyuncs.com"), [("*", "*")])
    assert not principal_covered(("*", "*"), [("RAM", "acs:ram::123:root")])
