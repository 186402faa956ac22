"""Strict types where the stack declares them (booleans are not numbers, strings not numbers or flags), and a
suppression's rule must be a known rule id like an enforcement key, the closest id suggested."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import DEV, DEV_URL, refused, run, with_config, write_stack

_MEDIA = "      mediaDefaults: {businessType: general, tags: [mobile]}\n"

_INSECURE = DEV.replace(f"url: {DEV_URL}", f'url: {DEV_URL}\n      allowInsecureHttp: "true"', 1)
_TYPO = "'RAM1O6' is neither a rule id nor the start of one (did you mean RAM106?"
CASES = [
    ("maxSizeBytes true", DEV.replace("maxSizeBytes: 2147483648", "maxSizeBytes: true", 1),
     "icekit:apps[0].fileTypes.video.maxSizeBytes", "must be an integer"),
    ("maxSizeBytes as text", DEV.replace("maxSizeBytes: 2147483648", 'maxSizeBytes: "2147483648"', 1),
     "icekit:apps[0].fileTypes.video.maxSizeBytes", "must be an integer"),
    ("maxSessionDuration as text", DEV.replace(_MEDIA, f'{_MEDIA}      maxSessionDuration: "7200"\n', 1),
     "icekit:apps[0].maxSessionDuration", "must be an integer"),
    ("maxSessionDuration true", DEV.replace(_MEDIA, f"{_MEDIA}      maxSessionDuration: true\n", 1),
     "icekit:apps[0].maxSessionDuration", "must be an integer"),
    ("secureTransport yes", DEV.replace("secureTransport: true", 'secureTransport: "yes"', 1),
     "icekit:apps[0].conditions.secureTransport", "must be true or false"),
    ("secureTransport 1", DEV.replace("secureTransport: true", "secureTransport: 1", 1),
     "icekit:apps[0].conditions.secureTransport", "must be true or false"),
    ("allowInsecureHttp text", _INSECURE,
     "icekit:callbacks.hooks.allowInsecureHttp", "must be true or false"),
    ("cateId text", DEV.replace("tags: [mobile]}", 'tags: [mobile], cateId: "7"}', 1),
     "icekit:apps[0].mediaDefaults.cateId", "must be an integer"),
    ("suppression typo", with_config(
        "  icekit:suppressions: [{rule: RAM1O6, resource: mobile-video, reason: a reason long enough}]\n"),
     "icekit:suppressions[0].rule", _TYPO),
    ("suppression empty", with_config(
        "  icekit:suppressions: [{rule: ' ', resource: mobile-video, reason: a reason long enough}]\n"),
     "icekit:suppressions[0].rule", "is neither a rule id nor the start of one"),
    ("enforcement typo", with_config("  icekit:guardrails: {enforcement: {CB4O3: advisory}}\n"),
     "icekit:guardrails.enforcement", "did you mean CB403?"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "key_path", "message"), CASES, ids=[c[0] for c in CASES])
def test_declared_types_are_strict(project: Path, name: str, text: str, key_path: str, message: str) -> None:
    assert text != DEV
    path = write_stack(project, "bad", text)
    out = project / "out"
    result = run("plan", "bad", "--project-dir", str(project), "--out", str(out))
    refused(result, f"{path}: {key_path}")
    assert message in result.stderr
    assert not out.exists()


def test_a_known_prefix_still_suppresses(project: Path) -> None:
    extra = "  icekit:suppressions: [{rule: RAM1, resource: mobile-video, reason: a reason long enough}]\n"
    write_stack(project, "ok", with_config(extra))
    assert run("check", "ok", "--project-dir", str(project)).returncode in (0, 1)
