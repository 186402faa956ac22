from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.models.samples import (
    FILE_INFO_EXAMPLE,
    MEDIA_METADATA_EXAMPLE,
    USER_DATA_EXAMPLE,
    client_config_data,
    own_bucket_config_data,
)
from tests.support.cli import run_icekit

# The installed console script (`icekit`), run by this interpreter.
ICEKIT = str(Path(sys.executable).with_name("icekit"))


def _run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    result = run_icekit(*args, stdin=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_raw_object_from_a_file_prints_the_canonical_wire_string(tmp_path: Path) -> None:
    path = tmp_path / "meta.json"
    path.write_text(MEDIA_METADATA_EXAMPLE)
    code, out, err = _run(["validate", "media-metadata", str(path)])
    assert (code, err) == (0, "")
    assert (
        out == '{"Title":"UploadTest","Description":"UploadImageTest","Tags":"tag1,tag2",'
        '"BusinessType":"cover"}\n'
    )


def test_wire_string_literal_from_stdin() -> None:
    code, out, _ = _run(["validate", "file-info", "-"], stdin=json.dumps(FILE_INFO_EXAMPLE))
    assert (code, out) == (0, FILE_INFO_EXAMPLE + "\n")


def test_stdin_is_the_default_input() -> None:
    code, out, _ = _run(["validate", "user-data"], stdin=USER_DATA_EXAMPLE)
    assert (code, out) == (0, USER_DATA_EXAMPLE + "\n")


@pytest.mark.parametrize(
    "document", [client_config_data(), own_bucket_config_data()], ids=["vod", "own-bucket"]
)
def test_client_config_prints_the_canonical_document(tmp_path: Path, document: dict[str, object]) -> None:
    path = tmp_path / "client-config.json"
    path.write_text(json.dumps(document))
    code, out, _ = _run(["validate", "client-config", str(path)])
    assert code == 0
    assert json.loads(out) == document


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (
            "file-info",
            '{"Type":"video","Name":"a","Ext":"exe"}',
            "error: in.json: FileInfo.Ext: 'exe' is not an",
        ),
        ("file-info", '{"Type":"video"', "error: in.json: FileInfo: is not valid JSON"),
        ("file-info", '"not json inside"', "error: in.json: FileInfo: is not valid JSON"),
        ("file-info", "[]", "error: in.json: FileInfo: must be a JSON object"),
        ("file-info", "", "error: in.json: FileInfo: is empty: expected the JSON object or its wire string"),
        ("user-data", " \n\t", "error: in.json: UserData: is empty"),
        ("client-config", "\n", "error: in.json: is empty"),
        ("file-info", json.dumps(json.dumps("a string")), "error: in.json: FileInfo: must be a JSON object"),
        (
            "media-metadata",
            json.dumps({"Title": "题" * 128 + "😀", "BusinessType": "general"}),
            "error: in.json: MediaMetaData.Title: is 388 bytes in UTF-8; ICE allows at most 128 bytes",
        ),
        (
            "user-data",
            json.dumps({"MessageCallback": {"CallbackURL": "https://h.example/" + "é" * 119 + "x"}}),
            "error: in.json: UserData.MessageCallback.CallbackURL: is 257 bytes long in UTF-8",
        ),
        (
            "upload-target-config",
            '{"StorageType":"oss","StorageLocation":"b.oss-cn-shanghai.aliyuncs.com"}',
            "error: in.json: UploadTargetConfig.StorageLocation: 'b.oss-cn-shanghai.aliyuncs.com' is not",
        ),
        (
            "post-process-config",
            '{"ProcessType":"Workflow"}',
            "error: in.json: PostProcessConfig.ProcessID: is required",
        ),
        (
            "client-config",
            json.dumps(client_config_data(region="cn-hangzhou")),
            "error: in.json: region: 'cn-hangzhou'",
        ),
        (
            "client-config",
            json.dumps(own_bucket_config_data(allowedActions=["oss:PutObject"])),
            "error: in.json: allowedActions: must include ice:RegisterMediaInfo",
        ),
        (
            "client-config",
            json.dumps(own_bucket_config_data(uploadMode=None)),
            "error: in.json: uploadMode: is required",
        ),
    ],
)
def test_invalid_input_exits_2_with_file_field_and_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, text: str, expected: str
) -> None:
    (tmp_path / "in.json").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = run_icekit("validate", kind, "in.json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(expected)
    assert "Traceback" not in result.stderr


def test_every_problem_gets_its_own_error_line() -> None:
    code, _, err = _run(["validate", "file-info"], stdin='{"Type":"movie","Size":0}')
    assert code == 2
    assert err.splitlines() == [
        "error: <stdin>: FileInfo.Type: 'movie' is not allowed "
        "(allowed: 'video', 'image', 'audio', 'text' or 'other')",
        "error: <stdin>: FileInfo.Name: is required",
        "error: <stdin>: FileInfo.Size: must be greater than 0, got 0",
        "error: <stdin>: FileInfo.Ext: is required",
    ]


def test_unreadable_files_are_user_errors(tmp_path: Path) -> None:
    code, _, err = _run(["validate", "file-info", str(tmp_path / "missing.json")])
    assert (
        code == 2
        and err == f"error: {tmp_path / 'missing.json'}: cannot be read (No such file or directory)\n"
    )
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00")
    code, _, err = _run(["validate", "file-info", str(tmp_path / "bin.json")])
    assert code == 2 and err.endswith("bin.json: is not UTF-8 text\n")
    code, _, err = _run(["validate", "file-info", str(tmp_path)])
    assert code == 2 and "cannot be read" in err


def test_unknown_kind_is_a_usage_error() -> None:
    code, _, err = _run(["validate", "file-infos"], stdin="{}")
    assert code == 2 and "Invalid value for '{file-info|" in err


def test_the_installed_command_in_a_subprocess(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text('{"Type":"audio","Name":"song.mp3","Ext":"mp3"}')
    done = subprocess.run(
        [sys.executable, ICEKIT, "validate", "file-info", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert (
        done.stderr == f"error: {path}: FileInfo.Name: 'song.mp3' must be given without its extension "
        "(put 'mp3' in Ext)\n"
    )


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_is_honoured(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "in.json"
    path.write_text('{"ProcessType":"Workflow","ProcessID":"abc"}', encoding=encoding)
    code, out, err = _run(["validate", "post-process-config", str(path)])
    assert (code, out, err) == (0, '{"ProcessType":"Workflow","ProcessID":"abc"}\n', "")
