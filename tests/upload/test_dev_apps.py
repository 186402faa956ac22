"""Every bundled dev app uploads a small and a multipart-sized file through icekit.upload against the sandbox
(official SDKs only), and the media is ready in GetMediaInfo; own-bucket apps register what they wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.upload.helpers import EXTENSIONS, MULTIPART, SMALL, a_file, part_numbers, uploader_for
from tests.upload.sandbox_env import SandboxEnv


@pytest.mark.parametrize("size", [SMALL, MULTIPART], ids=["small", "multipart"])
@pytest.mark.parametrize("app", sorted(EXTENSIONS))
def test_every_dev_app_uploads(
    app: str, size: int, sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    uploader = uploader_for(app, sandbox, config_files)
    path = a_file(tmp_path / "files", f"clip one.{EXTENSIONS[app]}", size)
    seen: list[tuple[int, int | None]] = []
    result = uploader.upload(path, title="Clip one", progress=lambda sent, total: seen.append((sent, total)))
    assert len(result.media_id) == 32
    assert result.size == size and seen[-1] == (size, size)
    info = uploader.wait(result.media_id, timeout=10, interval=0.1)
    assert info.media_basic_info.status == "Normal"
    assert info.media_basic_info.title == "Clip one"
    assert info.file_info_list[0].file_basic_info.file_size == str(size)
    assert part_numbers(sandbox.oss_requests) == ([1, 2, 3] if size == MULTIPART else [])
    if app == "batch-import":
        assert result.input_url is not None and result.input_url.startswith(
            "oss://acme-dev-ice-import/incoming/"
        )
        assert [r.action for r in sandbox.ice_records][:1] == ["RegisterMediaInfo"]
    else:
        assert [r.action for r in sandbox.ice_records][:1] == ["CreateUploadMedia"]
        assert result.file_url and result.file_url.endswith(f".{EXTENSIONS[app]}")


def test_the_principal_the_role_trusts_is_chosen(sandbox: SandboxEnv, config_files: dict[str, Path]) -> None:
    uploader = uploader_for("cms-assets", sandbox, config_files)
    assumed = [r for r in sandbox.sts_records if r.action == "AssumeRole"]
    assert [r.allowed for r in assumed][-1] is True
    assert assumed[-1].principal == "acs:ram::1234567890123456:role/cms-web"
    assert uploader.session.assumed == 1


def test_mobile_video_metadata_defaults_and_extend(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    uploader = uploader_for("mobile-video", sandbox, config_files)
    path = a_file(tmp_path, "take.MOV", SMALL)
    result = uploader.upload(path, title="Take", extend={"localId": "clip-42"})
    record = sandbox.library.get(result.media_id)
    assert record is not None
    info = uploader.wait(result.media_id, timeout=10, interval=0.1)
    assert info.media_basic_info.media_tags == "mobile"  # the app's mediaDefaults
    assert '"Extend":{"localId":"clip-42"}' in (info.media_basic_info.user_data or "")
    assert "dev-hooks.acme-media.example" in (info.media_basic_info.user_data or "")


def test_a_stream_uploads_with_its_file_name(sandbox: SandboxEnv, config_files: dict[str, Path]) -> None:
    import io

    uploader = uploader_for("mobile-video", sandbox, config_files)
    result = uploader.upload(io.BytesIO(b"v" * MULTIPART), file_name="from memory.mp4", title="Memory")
    assert result.size == MULTIPART
    assert part_numbers(sandbox.oss_requests) == [1, 2, 3]
    info = uploader.wait(result.media_id, timeout=10, interval=0.1)
    assert info.file_info_list[0].file_basic_info.file_size == str(MULTIPART)
