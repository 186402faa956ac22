"""A table of broken declarations: each fails with a UserInputError naming the stack file and the key path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from icekit.errors import UserInputError
from icekit.spec import load_stack

Doc = dict[str, Any]


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
    ("weak clear auth key", _set("icekit:callbacks/hooks/authKey", "lowercaseonly"),
     "icekit:callbacks.hooks.authKey", "upper-case letters, lower-case letters and digits"),
    ("long clear auth key", _set("icekit:callbacks/hooks/authKey", "Ab1" * 11),
     "icekit:callbacks.hooks.authKey", "at most 32"),
    ("unknown callback kind", _set("icekit:callbacks/hooks/kind", "ftp"), "icekit:callbacks.hooks",
     "'http', 'mns'"),
    ("unknown app key", _set("icekit:apps/0/colour", "blue"), "icekit:apps[0].colour", "unknown key"),
    ("unknown icekit setting", _set("icekit:appz", []), "icekit:appz", "unknown icekit setting"),
    ("unknown environment", _set("icekit:environment", "qa"), "icekit:environment",
     "'dev', 'staging' or 'prod'"),
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
     "invalid name"),
    ("own bucket shared", _second_own_bucket_user, "icekit:apps[3].storage",
     "used by icekit:apps[2] already"),
    ("business type for another file type", _set("icekit:apps/0/mediaDefaults/businessType", "subtitles"),
     "icekit:apps[0].mediaDefaults.businessType", "fits none of the file types"),
    ("bad app id", _set("icekit:apps/0/appId", "application-1"), "icekit:apps[0].appId", "not an ICE AppId"),
    ("bad workflow id", _set("icekit:workflows/transcode-hd/workflowId", "wf-1"),
     "icekit:workflows.transcode-hd.workflowId", "should match pattern"),
    ("guardrails unknown key", _set("icekit:guardrails", {"strict": True}), "icekit:guardrails.strict",
     "unknown key"),
    ("short reason", _set("icekit:suppressions", [{"rule": "R1", "resource": "x", "reason": "no"}]),
     "icekit:suppressions[0].reason", "at least 10"),
    ("no apps", _set("icekit:apps", []), "icekit:apps", "at least 1"),
    ("bucket prefix without slash", _set("icekit:storage/import-bucket/ownBucket/prefix", "incoming"),
     "icekit:storage.import-bucket.ownBucket.prefix", "should match pattern"),
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
