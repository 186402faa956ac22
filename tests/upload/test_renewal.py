"""A credential that expires in the middle of a transfer is renewed the way the file type allows, and the
upload completes with no part sent twice after the renewal; a failed upload resumes from its checkpoint."""

from __future__ import annotations

from pathlib import Path

import pytest

from icekit.upload.transfer import Progress
from tests.upload.helpers import MULTIPART, a_file, part_numbers, uploader_for
from tests.upload.sandbox_env import SandboxEnv

LIFETIME = 600  # the sandbox clock jumps past it; the 15-minute signature window still holds


@pytest.fixture
def upload_credential_seconds() -> int:
    return LIFETIME


def _expire_after_first_part(sandbox: SandboxEnv) -> Progress:
    def progress(sent: int, total: int | None) -> None:
        if sent == 100 * 1024 and sandbox.clock.offset.total_seconds() == 0:
            sandbox.clock.advance(LIFETIME + 1)

    return progress


def test_a_video_credential_is_refreshed_and_finished_parts_are_kept(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    uploader = uploader_for("mobile-video", sandbox, config_files)
    path = a_file(tmp_path, "long take.mp4", MULTIPART)
    result = uploader.upload(path, title="Long take", progress=_expire_after_first_part(sandbox))
    assert result.renewals == 1
    assert [r.action for r in sandbox.ice_records] == ["CreateUploadMedia", "RefreshUploadMedia"]
    refused = [r for r in sandbox.oss_requests if r.status.startswith("403")]
    assert len(refused) == 1  # part 2 with the expired key
    assert part_numbers(sandbox.oss_requests) == [1, 2, 3]  # each part accepted once, part 1 not again
    info = uploader.wait(result.media_id, timeout=10, interval=0.1)
    assert info.file_info_list[0].file_basic_info.file_size == str(MULTIPART)


def test_an_image_credential_needs_a_new_upload(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    uploader = uploader_for("cms-assets", sandbox, config_files)
    path = a_file(tmp_path, "poster.png", MULTIPART)
    result = uploader.upload(path, title="Poster", progress=_expire_after_first_part(sandbox))
    # ICE refreshes audio and video only: a new CreateUploadMedia, a new address, the parts sent there
    assert [r.action for r in sandbox.ice_records] == ["CreateUploadMedia", "CreateUploadMedia"]
    assert result.renewals == 1
    second = sandbox.library.get(result.media_id)
    assert second is not None
    info = uploader.wait(result.media_id, timeout=10, interval=0.1)
    assert info.file_info_list[0].file_basic_info.file_size == str(MULTIPART)


def test_a_failed_upload_resumes_from_its_checkpoint(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    uploader = uploader_for("mobile-video", sandbox, config_files, checkpoint_dir=tmp_path / "checkpoints")
    path = a_file(tmp_path, "resumed.mp4", MULTIPART)

    def fail_after_two_parts(sent: int, total: int | None) -> None:
        if sent == 2 * 100 * 1024:
            raise ConnectionError("the network went away")

    with pytest.raises(ConnectionError):
        uploader.upload(path, title="Resumed", progress=fail_after_two_parts)
    assert list((tmp_path / "checkpoints").glob("*.json"))
    result = uploader.upload(path, title="Resumed")
    assert [r.action for r in sandbox.ice_records] == ["CreateUploadMedia", "RefreshUploadMedia"]
    assert part_numbers(sandbox.oss_requests) == [1, 2, 3]
    assert not list((tmp_path / "checkpoints").glob("*.json"))
    info = uploader.wait(result.media_id, timeout=10, interval=0.1)
    assert info.file_info_list[0].file_basic_info.file_size == str(MULTIPART)


def test_an_own_bucket_upload_renews_its_role_session(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    # Signed requests must stay within 15 minutes of the sandbox's clock: the session is assumed 800 s in
    # the sandbox's past for STS's shortest 900 s, then the clock passes its expiry.
    sandbox.clock.advance(-800)
    uploader = uploader_for(
        "batch-import", sandbox, config_files, session_seconds=900, session_margin_seconds=0
    )
    path = a_file(tmp_path, "archive.mov", MULTIPART)

    def expire_session(sent: int, total: int | None) -> None:
        if sent == 100 * 1024 and sandbox.clock.offset.total_seconds() < 0:
            sandbox.clock.advance(901)

    result = uploader.upload(path, title="Archive", progress=expire_session)
    assert result.renewals == 1 and uploader.session.assumed == 2
    assert part_numbers(sandbox.oss_requests) == [1, 2, 3]
    assert [r.action for r in sandbox.ice_records] == ["RegisterMediaInfo"]
