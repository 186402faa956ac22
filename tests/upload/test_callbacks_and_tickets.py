"""The callback ICE (the sandbox) sends after an icekit.upload upload: verified with icekit.callbacks against
the signature as sent, refused with a wrong key, a stale timestamp, or the body replayed under another
timestamp. Tickets for browser and mobile clients, and their renewal."""

from __future__ import annotations

from pathlib import Path

import pytest

from icekit.callbacks import CallbackRejected, RejectReason, verify
from icekit.callbacks.events import FileUploadComplete
from icekit.upload import UploadError
from icekit.upload.upload_auth import decode_address, decode_auth
from tests.sandbox.upload_rig import ReceivedCallback
from tests.upload.helpers import SMALL, a_file, uploader_for
from tests.upload.sandbox_env import AUTH_KEY, SandboxEnv


def _uploaded_callback(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> tuple[str, ReceivedCallback]:
    uploader = uploader_for("mobile-video", sandbox, config_files)
    result = uploader.upload(a_file(tmp_path, "clip.mp4", SMALL), title="Clip", extend={"localId": "7"})
    [callback] = sandbox.receiver.wait_for(1)
    return result.media_id, callback


def _header(callback: ReceivedCallback, name: str) -> str:
    return next(value for key, value in callback.headers if key.upper() == name)


def test_the_callback_of_an_upload_verifies(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    media_id, callback = _uploaded_callback(sandbox, config_files, tmp_path)
    event = verify(sandbox.callback_url, callback.headers, callback.body, [AUTH_KEY, "OldKey123"])
    assert isinstance(event, FileUploadComplete)
    assert (event.MessageBody.MediaId, event.MessageBody.Size) == (media_id, str(SMALL))
    assert '"localId":"7"' in (event.MessageBody.UserData or "")


def test_the_callback_is_refused_with_a_wrong_key_a_stale_time_or_another_timestamp(
    sandbox: SandboxEnv, config_files: dict[str, Path], tmp_path: Path
) -> None:
    _, callback = _uploaded_callback(sandbox, config_files, tmp_path)
    with pytest.raises(CallbackRejected) as wrong_key:
        verify(sandbox.callback_url, callback.headers, callback.body, "WrongKey123")
    assert wrong_key.value.reason is RejectReason.BAD_SIGNATURE
    stamp = int(_header(callback, "X-ICE-TIMESTAMP"))
    with pytest.raises(CallbackRejected) as stale:
        verify(sandbox.callback_url, callback.headers, callback.body, AUTH_KEY, now=stamp + 301)
    assert stale.value.reason is RejectReason.STALE
    replayed = [(k, str(stamp + 120) if k.upper() == "X-ICE-TIMESTAMP" else v) for k, v in callback.headers]
    with pytest.raises(CallbackRejected) as replay:
        verify(sandbox.callback_url, replayed, callback.body, AUTH_KEY, now=stamp + 120)
    assert replay.value.reason is RejectReason.BAD_SIGNATURE


def test_a_ticket_for_a_browser_and_its_renewal(sandbox: SandboxEnv, config_files: dict[str, Path]) -> None:
    uploader = uploader_for("mobile-video", sandbox, config_files)
    ticket = uploader.create_ticket("phone clip.mov", title="Phone clip", size=5000)
    address, auth = decode_address(ticket.upload_address), decode_auth(ticket.upload_auth)
    assert address.file_name.endswith(".mov") and ticket.media_id in address.file_name
    assert auth.key.security_token and ticket.media_id not in repr(auth.key)
    assert "upload_auth" not in repr(ticket) and auth.key.access_key_secret not in repr(ticket)
    renewed = uploader.renew_ticket(ticket)
    assert renewed.media_id == ticket.media_id
    assert decode_address(renewed.upload_address) == address
    assert decode_auth(renewed.upload_auth).key != auth.key
    assert [r.action for r in sandbox.ice_records] == ["CreateUploadMedia", "RefreshUploadMedia"]


def test_an_image_ticket_renews_as_a_new_media(sandbox: SandboxEnv, config_files: dict[str, Path]) -> None:
    uploader = uploader_for("cms-assets", sandbox, config_files)
    ticket = uploader.create_ticket("cover.jpg", title="Cover")
    renewed = uploader.renew_ticket(ticket)
    assert renewed.media_id != ticket.media_id
    assert [r.action for r in sandbox.ice_records] == ["CreateUploadMedia", "CreateUploadMedia"]


def test_own_bucket_apps_have_no_tickets(sandbox: SandboxEnv, config_files: dict[str, Path]) -> None:
    uploader = uploader_for("batch-import", sandbox, config_files)
    with pytest.raises(UploadError, match="uploads to its own bucket"):
        uploader.create_ticket("archive.mov", title="Archive")
