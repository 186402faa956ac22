"""A table of broken declarations: each fails with a UserInputError naming the stack file and the key path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from icekit.errors import UserInputError
from icekit.stack import load_stack

Doc = dict[str, Any]
CIPHERTEXT = "v1:7nFh2kq9Sx0dJd8B:2aY3mXqZyD2f8mHq0hQy6cN7kC2v0Jt4lP9wRzE1sVbA0g=="


def _cfg(doc: Doc) -> Doc:
    config: Doc = doc["config"]
    return config


def _app(doc: Doc, index: int) -> Doc:
    app: Doc = _cfg(doc)["icekit:apps"][index]
    return app


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """Set a value at `key.sub.sub` under config (first segment is the full config key)."""

    def mutate(doc: Doc) -> None:
        key, *rest = path.split("/")
        target: Any = _cfg(doc)
        if not rest:
            target[key] = value
            return
        target = target[key]
        for part in rest[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = rest[-1]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _delete(key: str) -> Callable[[Doc], None]:
    return lambda doc: _cfg(doc).pop(key)


def _second_own_bucket_user(doc: Doc) -> None:
    clone = dict(_app(doc, 2), name="batch-import-two")
    _cfg(doc)["icekit:apps"].append(clone)


def _duplicate_app(doc: Doc) -> None:
    _app(doc, 1)["name"] = "mobile-video"


CASES: list[tuple[str, Callable[[Doc], None], str, str]] = [
    ("unknown callback", _set("icekit:apps/1/callback", "hookz"), "icekit:apps[1].callback",
     "unknown callback 'hookz' (declared: hooks, uploads-queue)"),
    ("unknown storage", _set("icekit:apps/0/storage", "vod"), "icekit:apps[0].storage",
     "unknown storage 'vod'"),
    ("unknown workflow", _set("icekit:apps/0/workflow", "sd"), "icekit:apps[0].workflow",
     "unknown workflow 'sd'"),
    ("workflow for images", _set("icekit:apps/1/workflow", "transcode-hd"), "icekit:apps[1].workflow",
     "only apps that upload video or audio"),
    ("unknown event callback", _set("icekit:eventCallback", "nope"), "icekit:eventCallback",
     "unknown callback 'nope'"),
    ("mns callback not the event callback", _set("icekit:eventCallback", "hooks"), "icekit:apps[1].callback",
     "reaches apps only as the region's event callback"),
    ("missing region", _delete("alicloud:region"), "alicloud:region", "required"),
    ("region without CreateUploadMedia", _set("alicloud:region", "us-west-1"), "alicloud:region",
     "has no CreateUploadMedia"),
    ("storage in another region", _set("alicloud:region", "cn-beijing"), "icekit:storage.vod-main.location",
     "is in cn-shanghai"),
    ("queue without ice-callback- prefix", _set("icekit:callbacks/uploads-queue/queueName", "uploads"),
     "icekit:callbacks.uploads-queue.queueName", "ice-callback-"),
    ("plain http callback", _set("icekit:callbacks/hooks/url", "http://hooks.example.com/ice"),
     "icekit:callbacks.hooks.url", "allowInsecureHttp"),
    ("auth key in clear text", _set("icekit:callbacks/hooks/authKey", "Strong1Key"),
     "icekit:callbacks.hooks.authKey", "written in clear text in the stack file"),
    ("unknown callback kind", _set("icekit:callbacks/hooks/kind", "ftp"), "icekit:callbacks.hooks.kind",
     "'ftp' is not allowed (allowed: 'http', 'mns')"),
    ("secure: value in clear", _set("icekit:callbacks/hooks/authKey", {"secure": "MyPassw0rd"}),
     "icekit:callbacks.hooks.authKey", "not Pulumi ciphertext"),
    ("empty secure: value", _set("icekit:callbacks/hooks/authKey", {"secure": ""}),
     "icekit:callbacks.hooks.authKey", "not Pulumi ciphertext"),
    ("secure: v1 with a clear tail", _set("icekit:callbacks/hooks/authKey", {"secure": "v1:MyPassw0rd"}),
     "icekit:callbacks.hooks.authKey", "not Pulumi ciphertext"),
    ("list where a mapping goes", _set("icekit:apps/1/fileTypes", [{"image": {"extensions": ["png"]}}]),
     "icekit:apps[1].fileTypes", "must be a mapping (key: value), got a list"),
    ("mapping where a list goes", _set("icekit:apps", {"web": {"name": "web"}}), "icekit:apps",
     "must be a list, got a mapping"),
    ("string where a list goes", _set("icekit:apps/0/fileTypes/video/extensions", "mp4, mov"),
     "icekit:apps[0].fileTypes.video.extensions", "must be a list, got a string"),
    ("empty app entry", _set("icekit:apps/1", None), "icekit:apps[1]",
     "must be a mapping (key: value), got nothing"),
    ("unknown app key", _set("icekit:apps/0/colour", "blue"), "icekit:apps[0].colour", "unknown key"),
    ("unknown icekit setting", _set("icekit:appz", []), "icekit:appz", "unknown icekit setting"),
    # issue 10: environments are free names (qa works); an unsafe one is still refused
    ("unsafe environment name", _set("icekit:environment", "QA env"), "icekit:environment",
     "'QA env' does not have the required form"),
    ("video over 5 GB", _set("icekit:apps/0/fileTypes/video/maxSizeBytes", 6 * 1024**3),
     "icekit:apps[0].fileTypes.video.maxSizeBytes", "5 GB"),
    ("video extension for images", _set("icekit:apps/1/fileTypes/image/extensions", ["png", "mp4"]),
     "icekit:apps[1].fileTypes.image.extensions", "mp4: not image extensions"),
    ("unknown file type", _set("icekit:apps/1/fileTypes/document", {"extensions": ["pdf"]}),
     "icekit:apps[1].fileTypes.document", "invalid name"),
    ("bad principal", _set("icekit:apps/0/trustedPrincipals", ["arn:aws:iam::1:role/x"]),
     "icekit:apps[0].trustedPrincipals", "not a RAM principal"),
    ("no principal", _set("icekit:apps/0/trustedPrincipals", []), "icekit:apps[0].trustedPrincipals",
     "at least 1"),
    ("bad source ip", _set("icekit:apps/2/conditions/sourceIp", ["10.20.0.0/33"]),
     "icekit:apps[2].conditions.sourceIp", "not an IP address or CIDR"),
    ("unknown action", _set("icekit:apps/0/actions", ["GetMediaInfo", "DeleteMedia"]),
     "icekit:apps[0].actions[1]", "'GetMediaInfo' or 'RefreshUploadMedia'"),
    ("duplicate app", _duplicate_app, "icekit:apps[1].name", "duplicate app name 'mobile-video'"),
    ("both storage kinds", _set("icekit:storage/vod-main/ownBucket", {"name": "acme-x"}),
     "icekit:storage.vod-main", "exactly one of"),
    ("bad storage name", _set("icekit:storage/Vod_Main", {"location": "x"}), "icekit:storage.Vod_Main",
     "'Vod_Main' is not a valid name: 2-32 lower-case letters, digits and hyphens"),
    ("upper-case app name", _set("icekit:apps/1/name", "CMS-assets"), "icekit:apps[1].name",
     "'CMS-assets' is not a valid value: 2-32 lower-case letters"),
    ("region given as a secret", _set("alicloud:region", {"secure": CIPHERTEXT}),
     "alicloud:region", "must be a plain string"),
    ("account id given as a secret", _set("icekit:accountId", {"secure": CIPHERTEXT}),
     "icekit:accountId", "only callback auth keys (icekit:callbacks.<name>.authKey) may be secrets"),
    ("own bucket shared", _second_own_bucket_user, "icekit:apps[3].storage",
     "used by icekit:apps[2] already"),
    ("business type for another file type", _set("icekit:apps/0/mediaDefaults/businessType", "subtitles"),
     "icekit:apps[0].mediaDefaults.businessType", "fits none of the file types"),
    ("bad app id", _set("icekit:apps/0/appId", "application-1"), "icekit:apps[0].appId", "not an ICE AppId"),
    ("bad workflow id", _set("icekit:workflows/transcode-hd/workflowId", "wf-1"),
     "icekit:workflows.transcode-hd.workflowId", "'wf-1' does not have the required form ^[0-9a-f]{32}$"),
    ("guardrails unknown key", _set("icekit:guardrails", {"strict": True}), "icekit:guardrails.strict",
     "unknown key"),
    ("short reason", _set("icekit:suppressions", [{"rule": "RAM1", "resource": "x", "reason": "no"}]),
     "icekit:suppressions[0].reason", "at least 10"),
    ("no apps", _set("icekit:apps", []), "icekit:apps", "at least 1"),
    ("bucket prefix without slash", _set("icekit:storage/import-bucket/ownBucket/prefix", "incoming"),
     "icekit:storage.import-bucket.ownBucket.prefix", "'incoming' does not have the required form"),
    ("app id on an own-bucket app", _set("icekit:apps/2/appId", "app-1000000"), "icekit:apps[2].appId",
     "RegisterMediaInfo, which takes no appId"),
    ("entity id on an own-bucket app", _set("icekit:apps/2/entityId", "0" * 32), "icekit:apps[2].entityId",
     "RegisterMediaInfo, which takes no entityId"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "key_path", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_declaration_names_file_and_key_path(
    dev_document: Doc,
    write_stack: Callable[[Doc], Path],
    mutate: Callable[[Doc], None],
    key_path: str,
    fragment: str,
) -> None:
    mutate(dev_document)
    path = write_stack(dev_document)
    with pytest.raises(UserInputError) as caught:
        load_stack(path)
    error = caught.value
    assert error.file == str(path)
    assert error.key_path == key_path, str(error)
    assert fragment in error.message, str(error)
    assert str(error).startswith(f"{path}: {key_path}: ")


def test_a_secure_value_in_clear_is_not_echoed(dev_document: Doc, write_stack: Callable[[Doc], Path]) -> None:
    _cfg(dev_document)["icekit:callbacks"]["hooks"]["authKey"] = {"secure": "MyPassw0rd"}
    with pytest.raises(UserInputError) as caught:
        load_stack(write_stack(dev_document))
    assert "MyPassw0rd" not in str(caught.value)
    assert "pulumi config set --path --secret 'icekit:callbacks.hooks.authKey'" in caught.value.message


def test_real_looking_ciphertexts_pass() -> None:
    from icekit.stack.secret import is_pulumi_ciphertext

    assert is_pulumi_ciphertext("v1:7nFh2kq9Sx0dJd8B:2aY3mXqZyD2f8mHq0hQy6cN7kC2v0Jt4lP9wRzE1sVbA0g==")
    assert is_pulumi_ciphertext("AAABAJtP3VZ8o3wKqLrJ5x0bL9mN2sT4uV6wX8yZ1a3c5e7g")  # Pulumi Cloud: base64
    assert not is_pulumi_ciphertext("v2:7nFh2kq9Sx0dJd8B:2aY3mXqZyD2f8mHq0hQy6cN7kC2v0Jt4lP9wRzE1sVbA0g==")
    assert not is_pulumi_ciphertext("Abcdefgh12345678")  # a clear auth key: base64 letters, too short


def test_the_unmodified_document_is_valid(dev_document: Doc, write_stack: Callable[[Doc], Path]) -> None:
    # guards the table: every case above fails because of its own mutation
    assert load_stack(write_stack(dev_document)).stack == "dev"


def test_every_problem_is_listed(dev_document: Doc, write_stack: Callable[[Doc], Path]) -> None:
    _app(dev_document, 0)["storage"] = "vod"
    _app(dev_document, 1)["callback"] = "hookz"
    with pytest.raises(UserInputError) as caught:
        load_stack(write_stack(dev_document))
    assert caught.value.key_path == "icekit:apps[0].storage"
    assert "1 more problem(s):\n  icekit:apps[1].callback: unknown callback 'hookz'" in caught.value.message


def test_ram_name_too_long(dev_document: Doc, write_stack: Callable[..., Path]) -> None:
    _app(dev_document, 0)["name"] = "a" * 32
    path = write_stack(dev_document, stack="staging-eu-west-main")
    with pytest.raises(UserInputError) as caught:
        load_stack(path)
    assert caught.value.key_path == "icekit:apps[0].name"
    assert "exceed 64 characters" in caught.value.message


@pytest.mark.parametrize(
    ("text", "name", "key_path", "fragment"),
    [
        ("config: [unclosed", "Pulumi.dev.yaml", None, "not valid YAML at line 1"),
        ("- a list", "Pulumi.dev.yaml", None, "a mapping with a `config:` key"),
        ("encryptionsalt: x\n", "Pulumi.dev.yaml", "config", "missing or not a mapping"),
        ("config: {}\n", "stack.yaml", None, "named Pulumi.<stack>.yaml"),
    ],
)
def test_unreadable_stack_files(
    tmp_path: Path, text: str, name: str, key_path: str | None, fragment: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserInputError) as caught:
        load_stack(path)
    assert caught.value.key_path == key_path
    assert fragment in caught.value.message


def test_missing_stack_file(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="stack file not found"):
        load_stack(tmp_path / "Pulumi.nope.yaml")


@pytest.mark.parametrize(
    ("old", "new", "key_path"),
    [
        ("    import-bucket:\n", "    vod-main:\n", "icekit:storage.vod-main"),
        ("  icekit:workflows:\n", "  icekit:callbacks: {}\n  icekit:workflows:\n", "icekit:callbacks"),
        (
            "      storage: vod-main\n",
            "      storage: vod-main\n      storage: vod-main\n",
            "icekit:apps[0].storage",
        ),
    ],
)
def test_a_key_given_twice_is_refused_naming_it(tmp_path: Path, old: str, new: str, key_path: str) -> None:
    text = (Path(__file__).parents[2] / "stacks" / "Pulumi.prod.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "Pulumi.prod.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UserInputError) as caught:
        load_stack(path)
    assert caught.value.key_path == key_path
    assert "is given twice (again at line" in caught.value.message


def test_non_utf8_stack_file_names_line_and_column(tmp_path: Path) -> None:
    stack_file = tmp_path / "Pulumi.dev.yaml"
    stack_file.write_bytes(b"config:\n  alicloud:region: cn-shanghai # caf\xe9\n")
    with pytest.raises(UserInputError) as caught:
        load_stack(stack_file)
    assert str(caught.value) == f"{stack_file}: not UTF-8 text: byte 0xe9 at line 2, column 37"
